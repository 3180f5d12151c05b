package dev.sns.web.security;

import dev.sns.security.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Verifies each distinct token once, then answers from memory until it expires ({@link VerifiedTokens}). */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final VerifiedTokens verified;

    CachingJwtDecoder(JwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.known(token);
        return known != null ? known : verified.remember(token, delegate.decode(token));
    }
}

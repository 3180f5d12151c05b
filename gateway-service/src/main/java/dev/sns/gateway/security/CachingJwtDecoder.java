package dev.sns.gateway.security;

import dev.sns.security.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** Verifies each distinct token once, then answers from memory until it expires ({@link VerifiedTokens}). */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final VerifiedTokens verified;

    CachingJwtDecoder(ReactiveJwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.known(token);
        return known != null ? Mono.just(known) : delegate.decode(token).map(jwt -> verified.remember(token, jwt));
    }
}

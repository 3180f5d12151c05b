package dev.sns.user.token;

import dev.sns.security.RsaPem;
import dev.sns.security.TokenPolicy;
import dev.sns.web.security.AuthUser;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs the tokens every service verifies locally (RS256). On creation it signs one token and verifies it with the
 * service's own {@link JwtDecoder} (public key + issuer check), so a private key that does not belong to the
 * configured public key stops the service at startup instead of producing tokens nobody accepts.
 */
@Component
public class TokenIssuer {

    private final JwtEncoder encoder;
    private final String issuer;
    private final TokenProperties properties;

    public TokenIssuer(TokenProperties properties, TokenPolicy policy, JwtDecoder decoder) {
        this.properties = properties;
        this.issuer = policy.issuer();
        this.encoder = NimbusJwtEncoder.withKeyPair(policy.publicKey(), RsaPem.privateKey("sns.token.private-key", properties.privateKey()))
                .algorithm(TokenPolicy.ALGORITHM)
                .build();
        verifyKeyPair(decoder);
    }

    /** A signed token for the user, valid for {@code sns.token.ttl}. */
    public String issue(long userId, String userName, String role) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(String.valueOf(userId))
                .claim(AuthUser.NAME_CLAIM, userName)
                .claim(AuthUser.ROLE_CLAIM, role)
                .issuedAt(now)
                .expiresAt(now.plus(properties.ttl()))
                .build();
        JwsHeader header = JwsHeader.with(TokenPolicy.ALGORITHM).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private void verifyKeyPair(JwtDecoder decoder) {
        try {
            decoder.decode(issue(0, "startup-key-check", "USER"));
        } catch (JwtException e) { // signing already fails when the halves of the pair do not fit together
            throw new IllegalStateException("sns.token.private-key does not match sns.security.jwt-public-key (or the "
                    + "issuer check failed): every service would reject the tokens signed here. Cause: " + e.getMessage(), e);
        }
    }
}

package dev.sns.web.security;

import dev.sns.security.RsaPem;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * This service's identity towards another service's {@code /internal/**} endpoints: a short-lived token signed with
 * the service key ({@code sns.security.service-token-private-key}), which no end user's token is signed with.
 * Issuer {@value #ISSUER}, subject the caller's application name, audience the called service, scope
 * {@value #SCOPE}. One token per audience is reused until a minute before it expires, so a call costs no signing.
 */
public final class ServiceTokens {

    public static final String ISSUER = "sns-services";
    public static final String SCOPE = "internal";
    static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final JwtEncoder encoder;
    private final String caller;
    private final Clock clock;
    private final ConcurrentMap<String, Jwt> byAudience = new ConcurrentHashMap<>();

    ServiceTokens(RSAPrivateKey key, String caller, Clock clock) {
        this.encoder = NimbusJwtEncoder.withKeyPair(RsaPem.publicHalf(key), key).algorithm(SignatureAlgorithm.RS256).build();
        this.caller = caller;
        this.clock = clock;
    }

    /** For a service that calls internal endpoints: fails its start when the service key is not configured. */
    public static ServiceTokens of(SecurityProperties properties, String applicationName) {
        return new ServiceTokens(RsaPem.privateKey("sns.security.service-token-private-key", properties.serviceTokenPrivateKey()),
                applicationName, Clock.systemUTC());
    }

    /** The {@code Authorization} header value for a call to {@code service} (its Eureka service id). */
    public String authorizationFor(String service) {
        Jwt token = byAudience.get(service);
        if (token == null || expiresSoon(token)) {
            token = byAudience.compute(service, (audience, current) -> current == null || expiresSoon(current) ? sign(audience) : current);
        }
        return "Bearer " + token.getTokenValue();
    }

    private boolean expiresSoon(Jwt token) {
        return !token.getExpiresAt().isAfter(clock.instant().plus(RENEW_BEFORE_EXPIRY));
    }

    private Jwt sign(String audience) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(caller)
                .audience(List.of(audience))
                .claim("scope", SCOPE)
                .issuedAt(now)
                .expiresAt(now.plus(TTL))
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").build(), claims));
    }
}

package dev.sns.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token verification and CORS at the gateway.
 *
 * @param jwtPublicKey    PEM of user-service's RSA public key (the same key every service verifies with)
 * @param jwtIssuer       the issuer every token must name
 * @param publicPaths     API paths open without a token (join, login)
 * @param queryTokenPaths paths that also accept {@code ?token=} (the SSE stream)
 * @param corsOrigins     origins allowed to call the API from a browser
 * @param verifiedTokenCacheSize how many verified tokens the gateway remembers (one per active session)
 * @param verifiedTokenCacheAge  how long it remembers one at most (never past the token's own expiry)
 */
@ConfigurationProperties("sns.security")
public record GatewaySecurityProperties(
        String jwtPublicKey,
        @DefaultValue("sns") String jwtIssuer,
        @DefaultValue List<String> publicPaths,
        @DefaultValue List<String> queryTokenPaths,
        @DefaultValue List<String> corsOrigins,
        @DefaultValue("10000") long verifiedTokenCacheSize,
        @DefaultValue("10m") Duration verifiedTokenCacheAge) {
}

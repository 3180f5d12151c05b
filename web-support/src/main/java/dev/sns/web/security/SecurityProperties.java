package dev.sns.web.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service verifies tokens.
 *
 * @param jwtPublicKey           PEM of the RSA key user-service signs tokens with (public half only)
 * @param jwtIssuer              the issuer every token must name
 * @param publicPaths            path patterns open without a token (health and error paths are always open)
 * @param queryTokenPaths        path patterns that also accept {@code ?token=} (for browsers' EventSource)
 * @param serviceTokenPublicKey  PEM of the RSA key services sign their own identity with: the only key
 *                               {@code /internal/**} accepts a caller by ({@link ServiceTokens}); unset, every caller
 *                               of an internal endpoint gets 403
 * @param serviceTokenPrivateKey PEM (PKCS#8) of that key's private half, only in services that call internal endpoints
 * @param verifiedTokenCacheSize how many verified user tokens the service remembers (one per active session)
 * @param verifiedTokenCacheAge  how long it remembers one at most (never past the token's own expiry)
 */
@ConfigurationProperties("sns.security")
public record SecurityProperties(
        String jwtPublicKey,
        @DefaultValue("sns") String jwtIssuer,
        @DefaultValue List<String> publicPaths,
        @DefaultValue List<String> queryTokenPaths,
        String serviceTokenPublicKey,
        String serviceTokenPrivateKey,
        @DefaultValue("10000") long verifiedTokenCacheSize,
        @DefaultValue("10m") Duration verifiedTokenCacheAge) {
}

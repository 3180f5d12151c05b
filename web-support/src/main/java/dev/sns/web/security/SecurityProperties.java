package dev.sns.web.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service verifies tokens.
 *
 * @param jwtPublicKey    PEM of the RSA key user-service signs tokens with (public half only)
 * @param jwtIssuer       the issuer every token must name
 * @param publicPaths     path patterns open without a token (health and error paths are always open)
 * @param queryTokenPaths path patterns that also accept {@code ?token=} (for browsers' EventSource)
 */
@ConfigurationProperties("sns.security")
public record SecurityProperties(
        String jwtPublicKey,
        @DefaultValue("sns") String jwtIssuer,
        @DefaultValue List<String> publicPaths,
        @DefaultValue List<String> queryTokenPaths) {
}

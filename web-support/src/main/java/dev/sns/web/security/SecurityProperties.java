package dev.sns.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys of service-to-service calls. How a user's token is verified is the {@link dev.sns.security.TokenPolicy},
 * bound from the same prefix and shared with the gateway.
 *
 * @param serviceTokenPublicKey  PEM of the RSA key services sign their own identity with: the only key
 *                               {@code /internal/**} accepts a caller by ({@link ServiceTokens}); unset, every caller
 *                               of an internal endpoint gets 403
 * @param serviceTokenPrivateKey PEM (PKCS#8) of that key's private half, only in services that call internal endpoints
 */
@ConfigurationProperties("sns.security")
public record SecurityProperties(String serviceTokenPublicKey, String serviceTokenPrivateKey) {
}

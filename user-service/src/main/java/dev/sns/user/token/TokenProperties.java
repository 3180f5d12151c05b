package dev.sns.user.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How user-service signs tokens. The public half lives in {@code sns.security.jwt-public-key}, shared with every
 * verifier.
 *
 * @param privateKey PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) of the RSA signing key; secret, from the
 *                   environment ({@code SNS_JWT_PRIVATE_KEY}) outside the local profile
 * @param ttl        how long a token stays valid
 */
@ConfigurationProperties("sns.token")
public record TokenProperties(String privateKey, @DefaultValue("1h") Duration ttl) {
}

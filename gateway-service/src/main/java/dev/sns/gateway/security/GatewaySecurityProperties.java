package dev.sns.gateway.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CORS at the gateway. How tokens are verified is the {@link dev.sns.security.TokenPolicy}, bound from the same
 * prefix and shared with the services.
 *
 * @param corsOrigins origins allowed to call the API from a browser
 */
@ConfigurationProperties("sns.security")
public record GatewaySecurityProperties(@DefaultValue List<String> corsOrigins) {
}

package dev.sns.post.author;

import dev.sns.web.security.ServiceTokens;
import feign.RequestInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * Feign configuration of {@link UserClient} (deliberately not a component: it applies to this client only).
 * user-service's internal lookup answers only a service identity, never an end user's token: every call carries
 * post-service's own short-lived service token ({@link ServiceTokens}, one per minutes, not one per call).
 */
class ServiceIdentity {

    @Bean
    RequestInterceptor serviceToken(ServiceTokens tokens) {
        return template -> template.header(HttpHeaders.AUTHORIZATION, tokens.authorizationFor(UserClient.SERVICE));
    }
}

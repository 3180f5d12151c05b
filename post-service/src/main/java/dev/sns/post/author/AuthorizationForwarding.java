package dev.sns.post.author;

import feign.RequestInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Feign configuration of {@link UserClient} (deliberately not a component: it applies to this client only).
 * user-service answers internal lookups only to a valid token, so the call carries the token of the request being
 * served. {@link AuthorDirectory} makes that request visible on the circuit breaker's worker thread.
 */
class AuthorizationForwarding {

    @Bean
    RequestInterceptor forwardAuthorization() {
        return template -> {
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                String authorization = attributes.getRequest().getHeader(HttpHeaders.AUTHORIZATION);
                if (authorization != null) {
                    template.header(HttpHeaders.AUTHORIZATION, authorization);
                }
            }
        };
    }
}

package dev.sns.timeline.client;

import dev.sns.api.ApiResponse;
import dev.sns.web.context.CallerContext;
import dev.sns.web.security.ServiceTokens;
import java.util.function.Function;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * A GET of another service's {@code /internal/**} endpoint through the load balancer ({@code http://<service>}), with
 * timeline-service's service token, guarded by the circuit breaker and time limiter of that service. Failures
 * (including an open circuit) are thrown: the caller decides whether to degrade (a read) or to retry (an event).
 */
public class ServiceCalls {

    private final RestClient http;
    private final ServiceTokens tokens;
    private final CircuitBreakerFactory<?, ?> circuitBreakers;

    public ServiceCalls(RestClient http, ServiceTokens tokens, CircuitBreakerFactory<?, ?> circuitBreakers) {
        this.http = http;
        this.tokens = tokens;
        this.circuitBreakers = circuitBreakers;
    }

    /** The {@code result} of {@code GET http://<service><uri>}. */
    public <T> T get(String service, String circuitBreaker, Function<UriBuilder, java.net.URI> uri,
                     ParameterizedTypeReference<ApiResponse<T>> type) {
        return circuitBreakers.create(circuitBreaker).run(CallerContext.carried(() -> {
            ApiResponse<T> answer = http.get()
                    .uri("http://" + service, uri)
                    .header(HttpHeaders.AUTHORIZATION, tokens.authorizationFor(service))
                    .retrieve()
                    .body(type);
            if (answer == null || !ApiResponse.SUCCESS.equals(answer.resultCode())) {
                throw new IllegalStateException(service + " answered " + (answer == null ? "nothing" : answer.resultCode()));
            }
            return answer.result();
        }), failure -> {
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        });
    }
}

package dev.sns.timeline.client;

import dev.sns.timeline.TimelineProperties;
import dev.sns.web.cache.RedisLookAsideCache;
import dev.sns.web.security.SecurityProperties;
import dev.sns.web.security.ServiceTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** The calls to user-service and post-service, and the cache of post bodies. */
@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

    /** timeline-service's identity towards the internal endpoints (sns.security.service-token-private-key). */
    @Bean
    ServiceTokens serviceTokens(SecurityProperties security, @Value("${spring.application.name}") String applicationName) {
        return ServiceTokens.of(security, applicationName);
    }

    /**
     * Resolves {@code http://<service>} through Eureka and Spring Cloud LoadBalancer; observed (trace headers). Not a
     * {@code @LoadBalanced RestClient.Builder} bean: the Eureka client builds its own RestClient from such a bean and
     * would then look up the registry's host name in the registry.
     */
    @Bean
    ServiceCalls serviceCalls(LoadBalancerClient loadBalancer, LoadBalancerRequestFactory loadBalancerRequests,
                              ObservationRegistry observations, ServiceTokens tokens,
                              CircuitBreakerFactory<?, ?> circuitBreakers) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(Duration.ofMillis(1500));
        RestClient http = RestClient.builder().requestFactory(requests).observationRegistry(observations)
                .requestInterceptor(new LoadBalancerInterceptor(loadBalancer, loadBalancerRequests))
                .build();
        return new ServiceCalls(http, tokens, circuitBreakers);
    }

    @Bean
    FollowGraph followGraph(ServiceCalls calls, TimelineProperties properties) {
        return new FollowGraph(calls, properties);
    }

    @Bean
    PostSource postSource(ServiceCalls calls, TimelineProperties properties) {
        return new PostSource(calls, properties);
    }

    /** Post bodies in Redis, {@code sns:tl:post:<id>} (hit ratio: {@code sns_cache_requests_total{cache="post"}}). */
    @Bean
    RedisLookAsideCache<TimelinePost> postCache(TimelineProperties properties, StringRedisTemplate redis, JsonMapper json,
                                                MeterRegistry meters) {
        return new RedisLookAsideCache<>("post", "sns:tl:post:", TimelinePost.class, TimelinePost::id,
                properties.postCacheTtl(), properties.postCacheRetryAfter(), redis, json, meters);
    }
}

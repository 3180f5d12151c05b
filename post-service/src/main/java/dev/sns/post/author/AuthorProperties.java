package dev.sns.post.author;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How authors are looked up (config-repo/post-service.yml, {@code sns.authors}).
 *
 * @param cacheTtl        how long an author stays in Redis ({@code sns:author:<id>})
 * @param cacheRetryAfter after a Redis failure, how long to go without the cache before trying it again
 * @param circuitBreaker  name of the Resilience4j circuit breaker / time limiter guarding the user-service call
 */
@ConfigurationProperties("sns.authors")
public record AuthorProperties(
        @DefaultValue("10m") Duration cacheTtl,
        @DefaultValue("5s") Duration cacheRetryAfter,
        @DefaultValue("user-service") String circuitBreaker) {
}

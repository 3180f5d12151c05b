package dev.sns.post.author;

import dev.sns.web.cache.RedisLookAsideCache;
import dev.sns.web.security.SecurityProperties;
import dev.sns.web.security.ServiceTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = UserClient.class)
@EnableConfigurationProperties(AuthorProperties.class)
class AuthorConfiguration {

    /** Authors in Redis, {@code sns:author:<id>} (hit ratio: {@code sns_cache_requests_total{cache="author"}}). */
    @Bean
    RedisLookAsideCache<Author> authorCache(AuthorProperties properties, StringRedisTemplate redis, JsonMapper json,
                                            MeterRegistry meters) {
        return new RedisLookAsideCache<>("author", "sns:author:", Author.class, Author::id, properties.cacheTtl(),
                properties.cacheRetryAfter(), redis, json, meters);
    }

    /** post-service's identity towards user-service's internal lookup (sns.security.service-token-private-key). */
    @Bean
    ServiceTokens serviceTokens(SecurityProperties security, @Value("${spring.application.name}") String applicationName) {
        return ServiceTokens.of(security, applicationName);
    }

    /**
     * Spring Cloud OpenFeign 5.0 fills its message converters lazily and not thread-safely: two first calls at once,
     * or a first call cut off by the time limiter, leave the list empty for good ("'messageConverters' must not be
     * empty" on every later call of that instance, seen under load and in AuthorLookupTest). The converters live in
     * the client's own Feign context, not in this one; they are filled there once, before the server takes requests.
     */
    @Bean
    SmartInitializingSingleton feignMessageConvertersWarmUp(FeignClientFactory feignClients) {
        return () -> feignClients.getInstance(UserClient.SERVICE, FeignHttpMessageConverters.class).getConverters();
    }
}

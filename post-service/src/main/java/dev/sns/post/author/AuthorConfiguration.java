package dev.sns.post.author;

import dev.sns.web.cache.RedisLookAsideCache;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = UserClient.class)
@EnableConfigurationProperties(AuthorProperties.class)
class AuthorConfiguration {

    /**
     * Spring Cloud OpenFeign 5.0 fills its message converters lazily and not thread-safely: a first call cut off by
     * the time limiter, or two first calls at once, leaves the list empty for good ("'messageConverters' must not be
     * empty" on every later call, seen under load). Filling it once at start-up, before any request, avoids that.
     */
    /** Authors in Redis, {@code sns:author:<id>} (hit ratio: {@code sns_cache_requests_total{cache="author"}}). */
    @Bean
    RedisLookAsideCache<Author> authorCache(AuthorProperties properties, StringRedisTemplate redis, JsonMapper json,
                                            MeterRegistry meters) {
        return new RedisLookAsideCache<>("author", "sns:author:", Author.class, Author::id, properties.cacheTtl(),
                properties.cacheRetryAfter(), redis, json, meters);
    }

    @Bean
    ApplicationRunner feignMessageConvertersWarmUp(ObjectProvider<FeignHttpMessageConverters> converters) {
        return args -> converters.ifAvailable(FeignHttpMessageConverters::getConverters);
    }
}

package dev.sns.user.lookup;

import dev.sns.user.account.UserResponse;
import dev.sns.web.cache.RedisLookAsideCache;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class UserLookupConfiguration {

    /** Looked-up users in Redis, {@code sns:user:<id>} (hit ratio: {@code sns_cache_requests_total{cache="user"}}). */
    @Bean
    RedisLookAsideCache<UserResponse> userCache(UserLookupProperties properties, StringRedisTemplate redis, JsonMapper json,
                                                MeterRegistry meters) {
        return new RedisLookAsideCache<>("user", "sns:user:", UserResponse.class, UserResponse::id, properties.cacheTtl(),
                properties.redisBackoff(), redis, json, meters);
    }
}

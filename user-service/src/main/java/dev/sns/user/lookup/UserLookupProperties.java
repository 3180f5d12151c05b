package dev.sns.user.lookup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The internal user lookup's Redis cache.
 *
 * @param cacheTtl      how long a looked-up user stays in Redis ({@code sns:user:<id>})
 * @param redisBackoff  after a Redis failure, how long lookups skip Redis and go to the database only (so a slow
 *                      or dead Redis costs one timeout per period, not one per request); also the minimum gap
 *                      between two warnings in the log
 */
@ConfigurationProperties("sns.user-lookup")
public record UserLookupProperties(
        @DefaultValue("10m") Duration cacheTtl,
        @DefaultValue("5s") Duration redisBackoff) {
}

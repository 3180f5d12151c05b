package dev.sns.user.lookup;

import dev.sns.user.account.UserResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Look-aside cache of {@link UserResponse} in Redis, one JSON string per user under {@code sns:user:<id>}.
 * Redis is an optimisation only: when it fails, lookups carry on against the database, and Redis is left alone for
 * {@code sns.user-lookup.redis-backoff} so a slow Redis does not add its timeout to every request.
 */
@Component
class UserCache {

    static final String KEY_PREFIX = "sns:user:";

    private static final Logger log = LoggerFactory.getLogger(UserCache.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final UserLookupProperties properties;
    /** System.nanoTime() before which Redis is skipped. */
    private final AtomicLong bypassUntil = new AtomicLong(System.nanoTime());
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);

    UserCache(StringRedisTemplate redis, JsonMapper json, UserLookupProperties properties) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    static String key(long id) {
        return KEY_PREFIX + id;
    }

    /** The cached users among {@code ids}, by id; empty when Redis is unavailable. */
    Map<Long, UserResponse> getAll(List<Long> ids) {
        List<String> values = guarded("read", () -> redis.opsForValue().multiGet(ids.stream().map(UserCache::key).toList()));
        Map<Long, UserResponse> hits = new HashMap<>();
        if (values == null) {
            return hits;
        }
        for (int i = 0; i < ids.size() && i < values.size(); i++) {
            String value = values.get(i);
            if (value != null) {
                UserResponse user = parse(value);
                if (user != null) {
                    hits.put(ids.get(i), user);
                }
            }
        }
        return hits;
    }

    /** Stores the users with the configured TTL, in one round trip. */
    void putAll(Collection<UserResponse> users) {
        if (users.isEmpty()) {
            return;
        }
        Expiration ttl = Expiration.from(properties.cacheTtl());
        guarded("write", () -> redis.executePipelined((RedisCallback<Object>) connection -> {
            for (UserResponse user : users) {
                connection.stringCommands().set(key(user.id()).getBytes(StandardCharsets.UTF_8),
                        json.writeValueAsBytes(user), ttl, SetOption.upsert());
            }
            return null;
        }));
    }

    private UserResponse parse(String value) {
        try {
            return json.readValue(value, UserResponse.class);
        } catch (JacksonException e) {
            return null; // an entry of an older shape: read from the database and overwrite
        }
    }

    private <T> T guarded(String operation, Supplier<T> action) {
        long now = System.nanoTime();
        if (now - bypassUntil.get() < 0) {
            return null;
        }
        try {
            return action.get();
        } catch (DataAccessException e) {
            long backoff = properties.redisBackoff().toNanos();
            bypassUntil.set(System.nanoTime() + backoff);
            long last = lastWarning.get();
            if (now - last >= backoff && lastWarning.compareAndSet(last, now)) {
                log.warn("Redis {} failed, user lookups use the database only for the next {}: {}",
                        operation, properties.redisBackoff(), e.getMessage());
            }
            return null;
        }
    }
}

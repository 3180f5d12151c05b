package dev.sns.web.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A look-aside cache of JSON values by id in Redis ({@code <prefix><id>}, with a TTL): one MGET to read a batch, one
 * pipelined round trip to store one. Redis is an optimisation only: when it fails, the cache answers "nothing cached",
 * stores nothing and leaves Redis alone for {@code retryAfter}, so a slow or dead Redis costs one timeout per period
 * instead of one per request (and one warning per period in the log).
 *
 * <p>Meters: {@code sns.cache.requests{cache=<name>, result=hit|miss}}, one count per id asked for (a bypassed Redis
 * counts as misses), so {@code hit / (hit + miss)} is the hit ratio.
 */
public final class RedisLookAsideCache<T> {

    private static final Logger log = LoggerFactory.getLogger(RedisLookAsideCache.class);

    private final String name;
    private final String keyPrefix;
    private final Class<T> type;
    private final ToLongFunction<T> idOf;
    private final Duration ttl;
    private final Duration retryAfter;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Counter hits;
    private final Counter misses;
    private final AtomicLong bypassUntil = new AtomicLong(System.nanoTime()); // System.nanoTime() before which Redis is skipped
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);

    public RedisLookAsideCache(String name, String keyPrefix, Class<T> type, ToLongFunction<T> idOf, Duration ttl,
                               Duration retryAfter, StringRedisTemplate redis, JsonMapper json, MeterRegistry meters) {
        this.name = name;
        this.keyPrefix = keyPrefix;
        this.type = type;
        this.idOf = idOf;
        this.ttl = ttl;
        this.retryAfter = retryAfter;
        this.redis = redis;
        this.json = json;
        this.hits = requests(meters, name, "hit");
        this.misses = requests(meters, name, "miss");
    }

    private static Counter requests(MeterRegistry meters, String cache, String result) {
        return Counter.builder("sns.cache.requests").description("Look-ups of ids in a Redis look-aside cache")
                .tag("cache", cache).tag("result", result).register(meters);
    }

    public String key(long id) {
        return keyPrefix + id;
    }

    /** The cached values among {@code ids}, by id; empty when Redis is unavailable. */
    public Map<Long, T> getAll(Collection<Long> ids) {
        Map<Long, T> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<Long> order = List.copyOf(ids);
        List<String> values = guarded("read", () -> redis.opsForValue().multiGet(order.stream().map(this::key).toList()));
        for (int i = 0; values != null && i < order.size() && i < values.size(); i++) {
            T value = values.get(i) == null ? null : parse(values.get(i));
            if (value != null) {
                found.put(order.get(i), value);
            }
        }
        hits.increment(found.size());
        misses.increment(order.size() - found.size());
        return found;
    }

    /** Stores the values with the TTL, in one round trip. */
    public void putAll(Collection<T> values) {
        if (values.isEmpty()) {
            return;
        }
        Expiration expiration = Expiration.from(ttl);
        guarded("write", () -> redis.executePipelined((RedisCallback<Object>) connection -> {
            for (T value : values) {
                connection.stringCommands().set(key(idOf.applyAsLong(value)).getBytes(StandardCharsets.UTF_8),
                        json.writeValueAsBytes(value), expiration, SetOption.upsert());
            }
            return null;
        }));
    }

    /** Drops the entries of these ids (their values changed), in one round trip. */
    public void evictAll(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            guarded("evict", () -> redis.delete(ids.stream().map(this::key).toList()));
        }
    }

    private T parse(String value) {
        try {
            return json.readValue(value, type);
        } catch (JacksonException e) {
            return null; // an entry of an older shape: a miss, overwritten by the caller's fresh value
        }
    }

    private <R> R guarded(String operation, Supplier<R> action) {
        long now = System.nanoTime();
        if (now - bypassUntil.get() < 0) {
            return null;
        }
        try {
            return action.get();
        } catch (RuntimeException e) { // connection failures, timeouts, a Redis that answers errors
            bypassUntil.set(System.nanoTime() + retryAfter.toNanos());
            long last = lastWarning.get();
            if (now - last >= retryAfter.toNanos() && lastWarning.compareAndSet(last, now)) {
                log.warn("Redis {} of the {} cache failed, going without the cache for {}: {}", operation, name,
                        retryAfter, e.toString());
            }
            return null;
        }
    }
}

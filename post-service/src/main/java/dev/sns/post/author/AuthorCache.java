package dev.sns.post.author;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Look-aside cache of authors in Redis ({@code sns:author:<id>} → JSON, with a TTL). Redis is an optimisation here:
 * when it fails, the cache answers "nothing cached", stores nothing, and is left alone for a while instead of
 * costing every request a timeout.
 */
@Component
class AuthorCache {

    static final String KEY_PREFIX = "sns:author:";

    private static final Logger log = LoggerFactory.getLogger(AuthorCache.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final AuthorProperties properties;
    private volatile Long retryAt; // System.nanoTime() after which Redis is tried again; null while it works

    AuthorCache(StringRedisTemplate redis, JsonMapper json, AuthorProperties properties) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    /** The cached authors among {@code ids} (one MGET). */
    Map<Long, Author> getAll(Collection<Long> ids) {
        Map<Long, Author> found = new HashMap<>();
        if (ids.isEmpty() || skipping()) {
            return found;
        }
        try {
            List<Long> order = List.copyOf(ids);
            List<String> values = redis.opsForValue().multiGet(order.stream().map(id -> KEY_PREFIX + id).toList());
            for (int i = 0; values != null && i < order.size(); i++) {
                if (values.get(i) != null) {
                    found.put(order.get(i), json.readValue(values.get(i), Author.class));
                }
            }
        } catch (RuntimeException e) {
            failed(e);
        }
        return found;
    }

    /** Stores authors with the TTL (one pipelined round trip). */
    void putAll(Collection<Author> authors) {
        if (authors.isEmpty() || skipping()) {
            return;
        }
        Expiration ttl = Expiration.from(properties.cacheTtl());
        try {
            redis.executePipelined((RedisCallback<Object>) connection -> {
                for (Author author : authors) {
                    connection.stringCommands().set(bytes(KEY_PREFIX + author.id()), bytes(json.writeValueAsString(author)),
                            ttl, RedisStringCommands.SetOption.upsert());
                }
                return null;
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private boolean skipping() {
        Long until = retryAt;
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until >= 0) {
            retryAt = null;
            return false;
        }
        return true;
    }

    private void failed(RuntimeException e) {
        retryAt = System.nanoTime() + properties.cacheRetryAfter().toNanos();
        log.warn("Author cache (Redis) unavailable, going without it for {}: {}", properties.cacheRetryAfter(), e.toString());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

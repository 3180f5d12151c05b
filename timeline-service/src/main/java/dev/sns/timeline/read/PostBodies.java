package dev.sns.timeline.read;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sns.timeline.TimelineProperties;
import dev.sns.timeline.client.PostSource;
import dev.sns.timeline.client.TimelinePost;
import dev.sns.timeline.store.Entry;
import dev.sns.web.cache.RedisLookAsideCache;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Post bodies for a page: this instance's memory first, then Redis, then ONE batched call to post-service for the
 * rest, behind its circuit breaker. The memory holds what Redis would say (complete posts, the same TTL) without a
 * round trip or a JSON parse; every instance drops a post from it, and from Redis, when a like, unlike, comment or
 * delete changes it ({@link PostCacheInvalidation}). When post-service cannot answer, the posts it was asked for come back id-only (their author's id is in the
 * timeline), as post-service itself degrades authors it cannot name: the page is served, not failed.
 */
@Component
public class PostBodies {

    private static final Logger log = LoggerFactory.getLogger(PostBodies.class);

    /** What a page found: the posts by id, and the ids post-service said do not exist (deleted). */
    record Found(Map<Long, TimelinePost> posts, Set<Long> gone) {
    }

    private final RedisLookAsideCache<TimelinePost> cache;
    private final PostSource source;
    private final Cache<Long, TimelinePost> local;
    /** Whether this instance's evictions are heard yet (its listener has its partitions); until then no memory. */
    private volatile boolean localEvicted;

    PostBodies(RedisLookAsideCache<TimelinePost> cache, PostSource source, TimelineProperties properties) {
        this.cache = cache;
        this.source = source;
        this.local = Caffeine.newBuilder().maximumSize(properties.postCacheLocalSize())
                .expireAfterWrite(properties.postCacheTtl()).build();
    }

    Found find(List<Entry> entries) {
        boolean memory = localEvicted;
        Map<Long, TimelinePost> found = memory
                ? new HashMap<>(local.getAllPresent(entries.stream().map(Entry::postId).toList())) : new HashMap<>();
        if (found.size() == entries.size()) {
            return new Found(found, Set.of());
        }
        Map<Long, TimelinePost> cached = cache.getAll(entries.stream().map(Entry::postId)
                .filter(id -> !found.containsKey(id)).toList());
        if (memory) {
            local.putAll(cached);
        }
        found.putAll(cached);
        List<Entry> missing = entries.stream().filter(entry -> !found.containsKey(entry.postId())).toList();
        if (missing.isEmpty()) {
            return new Found(found, Set.of());
        }
        Set<Long> asked = missing.stream().map(Entry::postId).collect(Collectors.toSet());
        List<TimelinePost> fetched;
        try {
            fetched = source.find(asked);
        } catch (RuntimeException e) {
            degraded(e);
            missing.forEach(entry -> found.put(entry.postId(), TimelinePost.idOnly(entry.postId(), entry.authorId())));
            return new Found(found, Set.of());
        }
        List<TimelinePost> complete = fetched.stream().filter(TimelinePost::complete).toList();
        cache.putAll(complete);
        if (memory) {
            complete.forEach(post -> local.put(post.id(), post));
        }
        fetched.forEach(post -> found.put(post.id(), post));
        Set<Long> gone = asked.stream().filter(id -> !found.containsKey(id)).collect(Collectors.toSet());
        return new Found(found, gone);
    }

    /** The evictions of this instance are heard from now on: posts may be kept in its memory. */
    void evictionsHeard() {
        localEvicted = true;
    }

    /** The posts changed (a like, unlike, comment or delete): not served from this instance's memory or Redis again. */
    public void evict(Collection<Long> postIds) {
        local.invalidateAll(postIds);
        cache.evictAll(postIds);
    }

    private static void degraded(RuntimeException failure) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        if (failure instanceof CallNotPermittedException || cause instanceof CallNotPermittedException) {
            log.debug("post-service circuit is open: posts without bodies");
        } else {
            log.warn("post-service lookup failed, posts without bodies: {}", failure.toString());
        }
    }
}

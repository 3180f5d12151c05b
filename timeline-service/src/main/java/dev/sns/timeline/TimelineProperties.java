package dev.sns.timeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Home timelines (config-repo/timeline-service.yml, {@code sns.timeline}; docs/timeline.md).
 *
 * @param postTopic           post events (post-service): created and deleted posts, likes and comments
 * @param followTopic         follow events (user-service)
 * @param capacity            newest posts kept per timeline and per author set
 * @param celebrityThreshold  authors with more followers than this are merged at read time, not fanned out
 * @param fanOutBatch         followers per call to user-service, and timelines per Redis script, in a fan-out
 * @param maxFollowing        followees a rebuild reads at most (a timeline shows the newest posts of these)
 * @param idleTtl             a timeline (and author set) unread for this long leaves Redis; the next read rebuilds it
 * @param postCacheTtl        how long a post body stays cached (likes, comments and deletes evict it at once)
 * @param postCacheRetryAfter after a Redis failure, how long the post cache is bypassed
 * @param postCacheLocalSize  post bodies each instance also keeps in its own memory (same TTL; a like, unlike,
 *                            comment or delete evicts them on every instance)
 * @param postCall            the circuit breaker / time limiter of the calls to post-service
 * @param userCall            the circuit breaker / time limiter of the calls to user-service
 */
@ConfigurationProperties("sns.timeline")
public record TimelineProperties(
        @DefaultValue("sns.post-events") String postTopic,
        @DefaultValue("sns.follow-events") String followTopic,
        @DefaultValue("800") int capacity,
        @DefaultValue("10000") long celebrityThreshold,
        @DefaultValue("1000") int fanOutBatch,
        @DefaultValue("10000") int maxFollowing,
        @DefaultValue("7d") Duration idleTtl,
        @DefaultValue("60s") Duration postCacheTtl,
        @DefaultValue("5s") Duration postCacheRetryAfter,
        @DefaultValue("10000") long postCacheLocalSize,
        @DefaultValue("post-service") String postCall,
        @DefaultValue("user-service") String userCall) {
}

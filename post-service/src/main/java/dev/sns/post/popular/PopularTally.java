package dev.sns.post.popular;

import dev.sns.post.popular.PopularWindow.Bucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The likes per post and time bucket in Redis, and the rankings read from them (docs/popular.md):
 * <ul>
 *   <li>{@code sns:popular:1h:<hour>} and {@code sns:popular:5m:<5 minutes>}: sorted sets, post -> likes made in that
 *       bucket that still stand;</li>
 *   <li>{@code sns:popular:1h:<hour>:likes}: a hash, like id -> 1 (counted) or 0 (taken back), which makes every
 *       change idempotent (apply.lua);</li>
 *   <li>{@code sns:popular:window:<window>}: a window's ranking, the union of its buckets, kept {@code ranking-ttl},
 *       at most {@code ranking-ttl-after-change} once a change was applied;</li>
 *   <li>{@code sns:popular:built}: present once the tally holds every like of the last 7 days (after a rebuild).</li>
 * </ul>
 * Members are post ids padded to 19 digits, so that equal scores rank the newer post first.
 */
@Component
class PopularTally {

    static final String BUILT = "sns:popular:built";
    private static final String PREFIX = "sns:popular:";

    private final StringRedisTemplate redis;
    private final Duration rankingTtl;
    private final Duration rankingTtlAfterChange;
    private final RedisScript<Long> apply = RedisScript.of(new ClassPathResource("popular/apply.lua"), Long.class);
    private final RedisScript<List> read = RedisScript.of(new ClassPathResource("popular/read.lua"), List.class);

    PopularTally(StringRedisTemplate redis, PopularProperties properties) {
        this.redis = redis;
        this.rankingTtl = properties.rankingTtl();
        this.rankingTtlAfterChange = properties.rankingTtlAfterChange();
    }

    /** Applies the changes in one Redis call; returns how many changed a score (the rest were seen before). */
    long apply(Collection<LikeChange> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        List<String> keys = new ArrayList<>(3 + changes.size() * 3);
        List<String> args = new ArrayList<>(1 + changes.size() * 5);
        for (PopularWindow window : PopularWindow.values()) {
            keys.add(rankingKey(window));
        }
        args.add(String.valueOf(rankingTtlAfterChange.toMillis()));
        for (LikeChange change : changes) {
            long hour = Bucket.HOUR.indexOf(change.likedAt());
            long five = Bucket.FIVE_MINUTES.indexOf(change.likedAt());
            keys.add(bucketKey(Bucket.HOUR, hour) + ":likes");
            keys.add(bucketKey(Bucket.HOUR, hour));
            keys.add(bucketKey(Bucket.FIVE_MINUTES, five));
            args.add(String.valueOf(change.likeId()));
            args.add(member(change.postId()));
            args.add(change.added() ? "1" : "-1");
            args.add(String.valueOf(Bucket.HOUR.expiresAtEpochSecond(hour)));
            args.add(String.valueOf(Bucket.FIVE_MINUTES.expiresAtEpochSecond(five)));
        }
        Long changed = redis.execute(apply, keys, args.toArray());
        return changed == null ? 0 : changed;
    }

    /** Ranks {@code first} to {@code first + count - 1} (0-based) of the window at {@code now}. */
    Ranking read(PopularWindow window, Instant now, long first, int count) {
        List<String> keys = new ArrayList<>();
        keys.add(rankingKey(window));
        keys.add(BUILT);
        window.buckets(now).forEach(index -> keys.add(bucketKey(window.bucket(), index)));
        List<?> answer = redis.execute(read, keys, String.valueOf(rankingTtl.toMillis()), String.valueOf(first),
                String.valueOf(first + count - 1));
        List<?> page = (List<?>) answer.get(2);
        List<Long> postIds = new ArrayList<>(page.size() / 2);
        for (int i = 0; i < page.size(); i += 2) { // member, score, member, score...
            postIds.add(Long.parseLong((String) page.get(i)));
        }
        return new Ranking(postIds, (Long) answer.get(1), ((Long) answer.get(0)) == 1);
    }

    /** The post leaves every bucket and ranking it may be in (a deleted post). */
    void remove(long postId, Instant now) {
        String member = member(postId);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (PopularWindow window : PopularWindow.values()) {
                connection.zSetCommands().zRem(bytes(rankingKey(window)), bytes(member));
            }
            for (PopularWindow window : List.of(PopularWindow.HOUR, PopularWindow.WEEK)) { // every bucket, once
                for (long index : window.buckets(now)) {
                    connection.zSetCommands().zRem(bytes(bucketKey(window.bucket(), index)), bytes(member));
                }
            }
            return null;
        });
    }

    boolean built() {
        return Boolean.TRUE.equals(redis.hasKey(BUILT));
    }

    void markBuilt() {
        redis.opsForValue().set(BUILT, Instant.now().toString());
    }

    /** One instance at a time rebuilds; false when another holds the lock. */
    boolean lockRebuild(Duration ttl) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(PREFIX + "rebuilding", "1", ttl));
    }

    void unlockRebuild() {
        redis.delete(PREFIX + "rebuilding");
    }

    /**
     * A page of a ranking: post ids best first, how many posts the window ranks, and whether the tally was complete
     * (false: Redis lost it, a rebuild is due).
     */
    record Ranking(List<Long> postIds, long total, boolean built) {
    }

    private static String bucketKey(Bucket bucket, long index) {
        return PREFIX + bucket.key() + ":" + index;
    }

    private static String rankingKey(PopularWindow window) {
        return PREFIX + "window:" + window.apiName();
    }

    private static String member(long postId) {
        return String.format("%019d", postId);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}

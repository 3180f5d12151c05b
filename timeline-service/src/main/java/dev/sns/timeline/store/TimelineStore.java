package dev.sns.timeline.store;

import dev.sns.timeline.TimelineProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The timelines in Redis (docs/timeline.md):
 * <ul>
 *   <li>{@code sns:tl:home:<userId>}: sorted set of the newest {@code capacity} posts of a reader's timeline;</li>
 *   <li>{@code sns:tl:author:<userId>}: the newest {@code capacity} posts of an author, built when first needed (the
 *       posts of authors merged at read time, and the back-fill of a follow);</li>
 *   <li>{@code sns:tl:following:<userId>}: whom the reader follows (ids), built with the home timeline;</li>
 *   <li>{@code sns:tl:celebrities}: authors with more followers than the threshold, merged at read time.</li>
 * </ul>
 * Writes from events go only to sets that exist ({@link Entry#BUILT}): a set that is missing is built whole by the
 * next read (a rebuild), never half-filled by an event. Every change is idempotent, so a redelivered event, two
 * instances or a rebuild racing an event leave the same set.
 */
@Component
public class TimelineStore {

    private static final String HOME = "sns:tl:home:";
    private static final String AUTHOR = "sns:tl:author:";
    private static final String FOLLOWING = "sns:tl:following:";
    private static final String CELEBRITIES = "sns:tl:celebrities";
    /** The member of an empty following set: "built, follows nobody". */
    private static final String NOBODY = "0";

    /** KEYS: sets; ARGV[1]: capacity, ARGV[2..]: members. Adds to the sets that exist, trims each to capacity. */
    private static final RedisScript<Long> ADD = RedisScript.of("""
            local capacity = tonumber(ARGV[1])
            local written = 0
            for _, key in ipairs(KEYS) do
              if redis.call('EXISTS', key) == 1 then
                for i = 2, #ARGV do
                  local member = ARGV[i]
                  redis.call('ZADD', key, tonumber(string.match(member, '^(%d+):')), member)
                end
                redis.call('ZREMRANGEBYRANK', key, 1, -(capacity + 1))
                written = written + 1
              end
            end
            return written""", Long.class);

    /**
     * KEYS[1]: a reader's timeline, KEYS[2]: their following set; ARGV[1]: author id. An unfollow in one round trip:
     * the author leaves the following set and their posts the timeline.
     */
    private static final RedisScript<Long> UNFOLLOW = RedisScript.of("""
            redis.call('SREM', KEYS[2], ARGV[1])
            local suffix = ':' .. ARGV[1]
            local removed = 0
            for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 1, -1)) do
              if member ~= '0:0' and string.sub(member, -#suffix) == suffix then
                removed = removed + redis.call('ZREM', KEYS[1], member)
              end
            end
            return removed""", Long.class);

    /**
     * KEYS[1]: a reader's timeline, KEYS[2]: their following set; ARGV[1]: the reader's id, ARGV[2..]: members. Removes
     * the members whose author the reader does not follow, deciding by the following set as it is now, in the same
     * atomic step; nothing when the following set is missing (nothing can be decided).
     */
    private static final RedisScript<Long> DROP_UNFOLLOWED = RedisScript.of("""
            if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
            local removed = 0
            for i = 2, #ARGV do
              local member = ARGV[i]
              local author = string.match(member, ':(%d+)$')
              if author ~= ARGV[1] and redis.call('SISMEMBER', KEYS[2], author) == 0 then
                removed = removed + redis.call('ZREM', KEYS[1], member)
              end
            end
            return removed""", Long.class);

    /** KEYS[1]: a following set; ARGV[1]: TTL in seconds, ARGV[2..]: members. Replaces the set in one step. */
    private static final RedisScript<Long> REPLACE_SET = RedisScript.of("""
            redis.call('DEL', KEYS[1])
            for i = 2, #ARGV, 1000 do
              redis.call('SADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
            end
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            return 1""", Long.class);

    /**
     * KEYS[1]: a reader's timeline, KEYS[2]: their following set, KEYS[3]: the celebrities; ARGV[1]: idle TTL (s),
     * ARGV[2]: the post id the page starts below, ARGV[3]: how many entries, ARGV[4]: the reader's id, ARGV[5]: "1" for
     * the followed celebrities too. A page's Redis work in one round trip: false when the timeline or the following set
     * is missing (a rebuild is due); else both kept another idle TTL and {entries newest first, whether the reader
     * follows each one's author (1/0), the followed celebrities}.
     */
    private static final RedisScript<List> PAGE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1], KEYS[2]) < 2 then return false end
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            redis.call('EXPIRE', KEYS[2], ARGV[1])
            local members = redis.call('ZREVRANGEBYSCORE', KEYS[1], '(' .. ARGV[2], 1, 'LIMIT', 0, tonumber(ARGV[3]))
            local followed = {}
            for i, member in ipairs(members) do
              local author = string.match(member, ':(%d+)$')
              followed[i] = (author == ARGV[4] or redis.call('SISMEMBER', KEYS[2], author) == 1) and 1 or 0
            end
            local celebrities = {}
            if ARGV[5] == '1' then celebrities = redis.call('SINTER', KEYS[2], KEYS[3]) end
            return {members, followed, celebrities}""", List.class);

    /**
     * KEYS[1]: a reader's following set, KEYS[2]: their timeline, KEYS[3]: the followee's recent posts, KEYS[4]: the
     * celebrities; ARGV[1]: the followee's id, ARGV[2]: idle TTL (s), ARGV[3]: capacity. A follow in one round trip: the
     * followee joins the following set (when built) and their recent posts the timeline (when built, unless they are
     * merged at read time). 0 when the back-fill is due but the followee's recent posts are not in Redis (the caller
     * builds them); else 1.
     */
    private static final RedisScript<Long> FOLLOW = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('SADD', KEYS[1], ARGV[1]) end
            if redis.call('EXISTS', KEYS[2]) == 0 or redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 1 then return 1 end
            if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
            redis.call('EXPIRE', KEYS[3], ARGV[2])
            local capacity = tonumber(ARGV[3])
            for _, member in ipairs(redis.call('ZREVRANGEBYSCORE', KEYS[3], '+inf', 1, 'LIMIT', 0, capacity)) do
              redis.call('ZADD', KEYS[2], tonumber(string.match(member, '^(%d+):')), member)
            end
            redis.call('ZREMRANGEBYRANK', KEYS[2], 1, -(capacity + 1))
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final TimelineProperties properties;

    public TimelineStore(StringRedisTemplate redis, TimelineProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    public static String home(long userId) {
        return HOME + userId;
    }

    public static String author(long userId) {
        return AUTHOR + userId;
    }

    static String following(long userId) {
        return FOLLOWING + userId;
    }

    /** Adds the entries to those of {@code keys} that exist; returns how many sets were written. */
    public long add(List<String> keys, Collection<Entry> entries) {
        if (keys.isEmpty() || entries.isEmpty()) {
            return 0;
        }
        List<String> args = new ArrayList<>(entries.size() + 1);
        args.add(String.valueOf(properties.capacity()));
        entries.forEach(entry -> args.add(entry.member()));
        Long written = redis.execute(ADD, keys, args.toArray());
        return written == null ? 0 : written;
    }

    /** Removes the entry from every one of {@code keys}, in one round trip. */
    public void remove(List<String> keys, Entry entry) {
        if (keys.isEmpty()) {
            return;
        }
        byte[] member = entry.member().getBytes(StandardCharsets.UTF_8);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            keys.forEach(key -> connection.zSetCommands().zRem(key.getBytes(StandardCharsets.UTF_8), member));
            return null;
        });
    }


    /**
     * Starts building a set: marks it built before its content is read from the source, so an event arriving
     * meanwhile is written to it (and the content read afterwards has everything committed before). Expires after
     * the idle TTL.
     */
    public void startBuilding(String key) {
        redis.opsForZSet().add(key, Entry.BUILT, 0);
        redis.expire(key, properties.idleTtl());
    }

    /** A set that could not be built whole goes, so that the next read builds it again. */
    public void discard(String... keys) {
        redis.delete(List.of(keys));
    }

    public boolean exists(String key) {
        return Boolean.TRUE.equals(redis.hasKey(key));
    }

    /** Whether the reader's home timeline and following set are both there (else: rebuild). */
    public boolean homeBuilt(long readerId) {
        Long count = redis.countExistingKeys(List.of(home(readerId), following(readerId)));
        return count != null && count == 2;
    }

    /**
     * Replaces the reader's following set (a rebuild), expiring like the timeline: one script, so that no read ever
     * sees it deleted and not yet filled (it would take every author for unfollowed).
     */
    public void setFollowing(long readerId, Collection<Long> followees) {
        List<String> args = new ArrayList<>(followees.size() + 2);
        args.add(String.valueOf(properties.idleTtl().toSeconds()));
        args.add(NOBODY);
        followees.forEach(id -> args.add(String.valueOf(id)));
        redis.execute(REPLACE_SET, List.of(following(readerId)), args.toArray());
    }

    /**
     * Removes from the reader's timeline those of {@code entries} whose author the reader does not follow <em>at this
     * moment</em> (an unfollow whose event has not arrived yet). The check and the removal are one atomic script: a
     * follow applied after an earlier check (its back-fill written meanwhile) must not be undone by it.
     */
    public void dropUnfollowed(long readerId, Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(entries.size() + 1);
        args.add(String.valueOf(readerId));
        entries.forEach(entry -> args.add(entry.member()));
        redis.execute(DROP_UNFOLLOWED, List.of(home(readerId), following(readerId)), args.toArray());
    }

    /**
     * A follow ({@link #FOLLOW}): the followee joins the reader's following set and their recent posts the reader's
     * timeline, each where it is built; a followee merged at read time is not back-filled. False when the back-fill
     * is due but the followee's recent posts are not in Redis: the caller builds them and adds them.
     */
    public boolean follow(long readerId, long followeeId) {
        Long done = redis.execute(FOLLOW, List.of(following(readerId), home(readerId), author(followeeId), CELEBRITIES),
                String.valueOf(followeeId), String.valueOf(properties.idleTtl().toSeconds()),
                String.valueOf(properties.capacity()));
        return done == null || done == 1;
    }

    /** An unfollow: the author leaves the reader's following set and their posts the reader's timeline. */
    public void unfollow(long readerId, long authorId) {
        redis.execute(UNFOLLOW, List.of(home(readerId), following(readerId)), String.valueOf(authorId));
    }

    /**
     * What a page needs of Redis, in one round trip ({@link #PAGE}): the newest {@code limit} entries of the reader's
     * timeline below {@code before}, the authors among them the reader follows, and (when asked) the followed
     * celebrities; the timeline and following set are kept another idle TTL. Null when either is missing.
     */
    public TimelinePage page(long readerId, long before, int limit, boolean withCelebrities) {
        List<?> reply = redis.execute(PAGE, List.of(home(readerId), following(readerId), CELEBRITIES),
                String.valueOf(properties.idleTtl().toSeconds()), String.valueOf(before), String.valueOf(limit),
                String.valueOf(readerId), withCelebrities ? "1" : "0");
        if (reply == null || reply.size() < 3) {
            return null;
        }
        List<?> members = (List<?>) reply.get(0);
        List<?> flags = (List<?>) reply.get(1);
        List<Entry> entries = new ArrayList<>(members.size());
        Set<Long> followed = new java.util.HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            Entry entry = Entry.parse((String) members.get(i));
            entries.add(entry);
            if (((Number) flags.get(i)).longValue() == 1) {
                followed.add(entry.authorId());
            }
        }
        Set<Long> celebrities = new java.util.HashSet<>();
        ((List<?>) reply.get(2)).forEach(id -> celebrities.add(Long.parseLong((String) id)));
        return new TimelinePage(entries, followed, celebrities);
    }

    public boolean isCelebrity(long authorId) {
        return Boolean.TRUE.equals(redis.opsForSet().isMember(CELEBRITIES, String.valueOf(authorId)));
    }

    /** Marks or unmarks an author as merged at read time; returns whether that changed anything. */
    public boolean celebrity(long authorId, boolean celebrity) {
        Long changed = celebrity ? redis.opsForSet().add(CELEBRITIES, String.valueOf(authorId))
                : redis.opsForSet().remove(CELEBRITIES, String.valueOf(authorId));
        return changed != null && changed > 0;
    }

    /** The newest entries of a set with a post id below {@code before}, newest first. */
    public List<Entry> newest(String key, long before, int limit) {
        Set<String> members = redis.opsForZSet().reverseRangeByScore(key, 1, before - 1, 0, limit);
        return members == null ? List.of() : members.stream().map(Entry::parse).toList();
    }

    /** All entries of a set, newest first. */
    public List<Entry> all(String key) {
        return newest(key, Long.MAX_VALUE, properties.capacity());
    }

    /** Keeps a set that is read for another idle TTL. */
    public void touch(String... keys) {
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (String key : keys) {
                connection.keyCommands().expire(key.getBytes(StandardCharsets.UTF_8), properties.idleTtl().toSeconds());
            }
            return null;
        });
    }
}

package dev.sns.bench;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * How soon a post reaches every follower's home timeline (fan-out on write): an author with {@code bench.followers}
 * (10,000) followers posts {@code bench.samples} (20) times, one post at a time; after each post's response the probe
 * asks Redis every {@code bench.pollMillis} (25) how many of the followers' timelines hold the post (one Lua script
 * over the followers' timeline keys, {@code bench.timelineKey} with the follower id for {@code %d}, member
 * {@code <postId>:<authorId>}) until all of them do, or {@code bench.timeoutSeconds} (30) pass. The delay runs from
 * the post's response to the first poll that finds it in every timeline. Prints one {@code RESULT} line.
 *
 * <p>The followers are made by ./sns bench straight in user-service's tables (10,000 joins and logins would cost
 * hours of BCrypt on two cores): ids {@code bench.firstFollowerId} to {@code + bench.followers - 1}, each following
 * the author {@code bench.author} (id {@code bench.authorId}, password of {@code Users.credentials}, like every bench
 * user), counts set to match. timeline-service writes a post only to timelines that exist (a missing one is built
 * whole by its owner's next read, docs/timeline.md), so before the samples the probe gives every follower the state
 * one read of their Home leaves: an empty built timeline ({@code 0:0}) and a following set that holds the author
 * ({@code bench.followingKey}), both expiring like timeline-service's ({@code bench.idleTtlSeconds}, 7 days).
 */
public final class FanOutLatencyProbe {


    /**
     * Marks the followers' timelines built (ids ARGV[1]..ARGV[2], home keys ARGV[3] % id, following sets ARGV[4] % id
     * holding the author ARGV[5], TTL ARGV[6]), as TimelineStore's startBuilding and setFollowing do.
     */
    private static final String BUILD_SCRIPT = """
            for id = tonumber(ARGV[1]), tonumber(ARGV[2]) do
              local home = string.format(ARGV[3], id)
              redis.call('ZADD', home, 0, '0:0')
              redis.call('EXPIRE', home, ARGV[6])
              local following = string.format(ARGV[4], id)
              redis.call('SADD', following, '0', ARGV[5])
              redis.call('EXPIRE', following, ARGV[6])
            end
            return tonumber(ARGV[2]) - tonumber(ARGV[1]) + 1""";

    /** The number of timelines (keys ARGV[3] % id, ids ARGV[1]..ARGV[2]) whose sorted set holds ARGV[4]. */
    private static final String COUNT_SCRIPT = """
            local n = 0
            for id = tonumber(ARGV[1]), tonumber(ARGV[2]) do
              if redis.call('ZSCORE', string.format(ARGV[3], id), ARGV[4]) then n = n + 1 end
            end
            return n""";

    public static void main(String[] args) throws Exception {
        String gateway = Fixture.gateway();
        String author = System.getProperty("bench.author");
        long firstFollower = Long.getLong("bench.firstFollowerId");
        int followers = Integer.getInteger("bench.followers", 10_000);
        int samples = Integer.getInteger("bench.samples", 20);
        long pollMillis = Long.getLong("bench.pollMillis", 25);
        long timeoutNanos = Long.getLong("bench.timeoutSeconds", 30) * 1_000_000_000L;
        String keyPattern = System.getProperty("bench.timelineKey");
        String followingPattern = System.getProperty("bench.followingKey");
        long authorId = Long.getLong("bench.authorId");
        long idleTtlSeconds = Long.getLong("bench.idleTtlSeconds", 7 * 24 * 3600);
        int redisPort = Integer.getInteger("bench.redisPort", 6379);
        if (author == null || keyPattern == null || followingPattern == null) {
            throw new IllegalArgumentException("set -Dbench.author, -Dbench.authorId, -Dbench.firstFollowerId, "
                    + "-Dbench.timelineKey and -Dbench.followingKey");
        }

        // the author has the first bench user's password (./sns copies its hash): the toolkit's, as Fixture's users
        String login = Fixture.ok(Fixture.send(Fixture.post(gateway + "/api/v1/users/login", null,
                Users.credentials(author))));
        Fixture.User writer = new Fixture.User(0, author,
                Gateway.JSON.readTree(login).get("result").get("token").asString());
        String lastFollower = String.valueOf(firstFollower + followers - 1);

        List<Double> delays = new ArrayList<>();
        int incomplete = 0;
        int reachedAtWorst = followers;
        try (Socket redis = new Socket("127.0.0.1", redisPort)) {
            redis.setSoTimeout(10_000);
            OutputStream out = redis.getOutputStream();
            InputStream in = new BufferedInputStream(redis.getInputStream());
            Resp.command(out, in, "EVAL", BUILD_SCRIPT, "0", String.valueOf(firstFollower), lastFollower, keyPattern,
                    followingPattern, String.valueOf(authorId), String.valueOf(idleTtlSeconds));
            for (int n = 0; n < samples; n++) {
                String body = "{\"title\":\"fan-out " + n + "\",\"body\":\"to " + followers + " followers\"}";
                long postId = Gateway.JSON.readTree(Fixture.ok(Fixture.send(
                        Fixture.post(gateway + "/api/v1/posts", writer, body)))).get("result").get("id").asLong();
                long postedAt = System.nanoTime();
                long reached = 0;
                while (System.nanoTime() - postedAt < timeoutNanos) {
                    reached = Resp.command(out, in, "EVAL", COUNT_SCRIPT, "0", String.valueOf(firstFollower),
                            lastFollower, keyPattern, postId + ":" + authorId);
                    if (reached >= followers) {
                        break;
                    }
                    Thread.sleep(pollMillis);
                }
                if (reached >= followers) {
                    delays.add((System.nanoTime() - postedAt) / 1e6);
                } else {
                    incomplete++;
                    reachedAtWorst = (int) Math.min(reachedAtWorst, reached);
                }
                Thread.sleep(500); // one fan-out at a time: the next post starts on a quiet timeline-service
            }
        }
        delays.sort(null);
        System.out.printf("RESULT samples=%d followers=%d complete=%d incomplete=%d fewest_reached=%d poll_ms=%d "
                        + "delay_p50=%.0f delay_p95=%.0f delay_p99=%.0f delay_max=%.0f%n",
                samples, followers, delays.size(), incomplete, reachedAtWorst, pollMillis, AlarmLatencyProbe.percentile(delays, 50),
                AlarmLatencyProbe.percentile(delays, 95), AlarmLatencyProbe.percentile(delays, 99), delays.isEmpty() ? Double.NaN : delays.getLast());
    }
}

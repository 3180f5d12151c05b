package dev.sns.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The follow graph and the home timeline through the gateway, against the whole suite: user-service's graph and its
 * follow events, post-service's post events, timeline-service's fan-out, read-time merge and rebuild, alarm-service's
 * NEW_FOLLOWER alarm. The suite runs timeline-service with a celebrity threshold of 3 followers (./sns test).
 */
class TimelineE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeAll
    static void warmSuite() {
        Gateway.awaitWarm();
    }

    private static long post(Users.User author, String title) {
        Gateway.Reply created = Gateway.post("/api/v1/posts", author.token(), "{\"title\":\"" + title + "\",\"body\":\"b\"}");
        assertThat(created.status()).as(created.outcome()).isEqualTo(200);
        return created.result().get("id").asLong();
    }

    private static void follow(Users.User follower, Users.User followee) {
        Gateway.Reply reply = Gateway.post("/api/v1/profiles/" + followee.name() + "/follow", follower.token(), null);
        assertThat(reply.status()).as(reply.outcome()).isEqualTo(200);
    }

    private static void unfollow(Users.User follower, Users.User followee) {
        Gateway.Reply reply = Gateway.call("DELETE", "/api/v1/profiles/" + followee.name() + "/follow", follower.token(), null);
        assertThat(reply.status()).as(reply.outcome()).isEqualTo(200);
    }

    private static JsonNode page(Users.User reader, String query) {
        Gateway.Reply reply = Gateway.get("/api/v1/timeline" + query, reader.token());
        assertThat(reply.status()).as(reply.outcome()).isEqualTo(200);
        return reply.result();
    }

    private static List<Long> ids(JsonNode page) {
        return page.get("content").valueStream().map(post -> post.get("id").asLong()).toList();
    }

    private static void awaitTimeline(Users.User reader, List<Long> expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(ids(page(reader, "?size=100"))).isEqualTo(expected));
    }

    @Test
    void aFollowCountsOnceShowsOnTheProfileAndIsANewFollowerAlarm() {
        Users.User ann = Users.newUser("ann");
        Users.User bob = Users.newUser("bob");
        follow(ann, bob);
        follow(ann, bob);

        JsonNode profile = Gateway.get("/api/v1/profiles/" + bob.name(), ann.token()).result();
        assertThat(profile.get("followerCount").asLong()).isEqualTo(1);
        assertThat(profile.get("followingCount").asLong()).isZero();
        assertThat(profile.get("followedByMe").asBoolean()).isTrue();
        assertThat(Gateway.get("/api/v1/profiles/" + ann.name() + "/following", bob.token()).result()
                .get("content").get(0).get("userName").asString()).isEqualTo(bob.name());
        assertThat(Gateway.post("/api/v1/profiles/" + ann.name() + "/follow", ann.token(), null).resultCode())
                .isEqualTo("INVALID_REQUEST");
        assertThat(Gateway.post("/api/v1/profiles/nobody_" + System.nanoTime() + "/follow", ann.token(), null).resultCode())
                .isEqualTo("USER_NOT_FOUND");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode alarms = Gateway.get("/api/v1/users/alarm", bob.token()).result();
            assertThat(alarms.get("totalElements").asLong()).isEqualTo(1);
            JsonNode alarm = alarms.get("content").get(0);
            assertThat(alarm.get("alarmType").asString()).isEqualTo("NEW_FOLLOWER");
            assertThat(alarm.get("text").asString()).isEqualTo("new follower!");
            assertThat(alarm.get("alarmArgs").get("fromUserId").asLong()).isEqualTo(ann.id());
            assertThat(alarm.get("alarmArgs").get("targetId").asLong()).isEqualTo(bob.id());
        });
    }

    @Test
    void theTimelineShowsFollowedAndOwnPostsNewestFirst_aCursorStaysStableWhilePostsArrive() {
        Users.User reader = Users.newUser("reader");
        Users.User author = Users.newUser("author");
        Users.User stranger = Users.newUser("stranger");
        follow(reader, author);
        assertThat(ids(page(reader, ""))).isEmpty();

        List<Long> posted = new ArrayList<>();
        posted.add(post(author, "one"));
        posted.add(post(reader, "mine"));
        post(stranger, "not followed");
        posted.add(post(author, "three"));
        posted.add(post(author, "four"));
        awaitTimeline(reader, posted.reversed());
        JsonNode newest = page(reader, "?size=1").get("content").get(0);
        assertThat(newest).isEqualTo(Gateway.get("/api/v1/posts/" + posted.getLast(), reader.token()).result());

        JsonNode first = page(reader, "?size=2");
        assertThat(ids(first)).containsExactly(posted.get(3), posted.get(2));
        long newer = post(author, "while paging");
        awaitTimeline(reader, List.of(newer, posted.get(3), posted.get(2), posted.get(1), posted.get(0)));
        JsonNode second = page(reader, "?size=2&cursor=" + first.get("nextCursor").asString());
        assertThat(ids(second)).containsExactly(posted.get(1), posted.get(0));
        assertThat(Gateway.get("/api/v1/timeline?cursor=garbage", reader.token()).resultCode()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void anUnfollowAndADeleteTakePostsOut_aFollowBringsRecentOnesIn() {
        Users.User reader = Users.newUser("reader");
        Users.User author = Users.newUser("author");
        long before = post(author, "before the follow");
        assertThat(ids(page(reader, ""))).isEmpty();

        follow(reader, author);
        awaitTimeline(reader, List.of(before));
        long deleted = post(author, "to be deleted");
        awaitTimeline(reader, List.of(deleted, before));
        assertThat(Gateway.call("DELETE", "/api/v1/posts/" + deleted, author.token(), null).status()).isEqualTo(200);
        awaitTimeline(reader, List.of(before));

        unfollow(reader, author);
        awaitTimeline(reader, List.of());
        assertThat(Gateway.get("/api/v1/profiles/" + author.name(), reader.token()).result().get("followerCount").asLong())
                .isZero();
    }

    @Test
    void aCelebrityIsMergedAtReadTime() {
        Users.User celebrity = Users.newUser("celebrity");
        List<Users.User> fans = Users.newUsers("fan", 4); // more than the suite's threshold of 3
        for (Users.User fan : fans) {
            follow(fan, celebrity);
            page(fan, ""); // every fan's timeline is built
        }
        Users.User reader = fans.getFirst();
        long first = post(celebrity, "to the many");
        long second = post(celebrity, "to the many again");

        awaitTimeline(reader, List.of(second, first));
        for (Users.User fan : fans) {
            assertThat(ids(page(fan, ""))).containsExactly(second, first);
        }
        await().atMost(WAIT).until(() -> Redis.command("SISMEMBER", "sns:tl:celebrities", String.valueOf(celebrity.id())).equals("1"));
        assertThat(Redis.command("ZSCORE", "sns:tl:home:" + reader.id(), second + ":" + celebrity.id()))
                .as("not fanned out into the reader's timeline").isEqualTo("(nil)");
    }

    @Test
    void aTimelineLostFromRedisIsRebuiltOnTheNextRead() {
        Users.User reader = Users.newUser("reader");
        Users.User author = Users.newUser("author");
        follow(reader, author);
        page(reader, "");
        long a = post(author, "a");
        long own = post(reader, "own");
        long b = post(author, "b");
        awaitTimeline(reader, List.of(b, own, a));

        // everything timeline-service keeps in Redis goes, as after a flush or an eviction
        Redis.command("EVAL", "for _, k in ipairs(redis.call('KEYS', 'sns:tl:*')) do redis.call('DEL', k) end return 0", "0");
        assertThat(Redis.command("EXISTS", "sns:tl:home:" + reader.id())).isEqualTo("0");

        assertThat(ids(page(reader, "?size=100"))).containsExactly(b, own, a);
    }

    /** The suite's Redis (its port from ./sns's run folder), in plain RESP: one command, its answer as text. */
    static final class Redis {

        static String command(String... args) {
            try (Socket socket = new Socket("127.0.0.1", port())) {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
                for (String arg : args) {
                    request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
                }
                out.write(request.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = socket.getInputStream();
                String line = line(in);
                return switch (line.charAt(0)) {
                    case ':', '+' -> line.substring(1);
                    case '$' -> line.equals("$-1") ? "(nil)" : line(in);
                    default -> throw new IllegalStateException("Redis answered " + line);
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int port() throws IOException {
            return Integer.parseInt(Files.readString(Path.of(System.getProperty("sns.home"), "run", "infra-redis.port")).strip());
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            for (int b = in.read(); b != -1; b = in.read()) {
                if (previous == '\r' && b == '\n') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(b);
                previous = b;
            }
            throw new IOException("Redis closed the connection");
        }
    }
}

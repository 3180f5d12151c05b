package dev.sns.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.post.support.EventConsumer;
import dev.sns.post.support.TestKafka;
import dev.sns.post.support.TestRedis;
import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Kafka or Redis going away: likes and comments keep working, fast; their events wait in the outbox and all reach a
 * new broker once there is one; without Redis authors come straight from user-service.
 */
class InfraOutageTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void likesSucceedWhileKafkaIsDownAndEveryEventIsPublishedOnceItIsBack() {
        TestUser alice = newUser();
        long postId = createPostId(alice);
        List<TestUser> likers = IntStream.range(0, 5).mapToObj(i -> newUser()).toList();
        TestUser commenter = newUser();
        String owner = String.valueOf(alice.id());

        TestKafka.destroy();
        List<Duration> took = new ArrayList<>();
        for (TestUser liker : likers) {
            long start = System.nanoTime();
            assertThat(api.post("/api/v1/posts/" + postId + "/likes", liker.token(), null).status()).isEqualTo(200);
            took.add(Duration.ofNanos(System.nanoTime() - start));
        }
        long start = System.nanoTime();
        assertThat(api.post("/api/v1/posts/" + postId + "/comments", commenter.token(),
                Client.json(Map.of("comment", "anyone there?"))).status()).isEqualTo(200);
        took.add(Duration.ofNanos(System.nanoTime() - start));

        assertThat(took).allSatisfy(duration -> assertThat(duration).isLessThan(Duration.ofSeconds(1)));
        assertThat(pending(owner)).isEqualTo(6);
        // a round reports the backlog when its sends fail: at once when the producer has no metadata (max.block.ms),
        // after delivery.timeout.ms (5 s) when it had a leader (the post's own event was sent just before the outage)
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(meters.get("sns.outbox.backlog").gauge().value()).isGreaterThanOrEqualTo(6));
        assertThat(pending(owner)).as("still unpublished").isEqualTo(6);
        assertThat(api.get("/api/v1/posts/" + postId + "/likes", alice.token()).result().asInt()).isEqualTo(5);

        TestKafka.startNew();
        List<EventConsumer.Event> received;
        try (EventConsumer events = new EventConsumer(TestKafka.bootstrapServers(), "sns.post-events")) {
            received = events.await(EventConsumer.aboutPost(postId), 6, Duration.ofSeconds(40));
            received = events.drain(EventConsumer.aboutPost(postId), Duration.ofMillis(500));
        }

        Set<String> rowEventIds = Set.copyOf(jdbc.sql("SELECT event_id FROM outbox_events WHERE message_key = ? AND " + EventConsumer.REACTION_ROWS)
                .param(owner).query(String.class).list());
        Set<String> receivedIds = received.stream().map(e -> e.value().path("eventId").asString())
                .collect(Collectors.toSet());
        assertThat(rowEventIds).hasSize(6);
        assertThat(receivedIds).isEqualTo(rowEventIds);
        assertThat(received).hasSize(6); // and none twice
        assertThat(received).allSatisfy(event -> assertThat(event.key()).isEqualTo(owner));
        assertThat(received.stream().map(e -> e.value().path("type").asString()))
                .containsExactlyInAnyOrder("NEW_LIKE_ON_POST", "NEW_LIKE_ON_POST", "NEW_LIKE_ON_POST",
                        "NEW_LIKE_ON_POST", "NEW_LIKE_ON_POST", "NEW_COMMENT_ON_POST");
        assertThat(pending(owner)).isZero();
    }

    @Test
    void withoutRedisAuthorsComeFromUserServiceAndNothingFails() {
        TestUser alice = newUser();
        long postId = createPostId(alice);
        api.get("/api/v1/posts/" + postId, alice.token()); // alice is now cached
        userService.reset();

        TestRedis.stop();
        try {
            for (String path : List.of("/api/v1/posts/" + postId, "/api/v1/posts/my")) {
                long start = System.nanoTime();
                Gateway.Reply response = api.get(path, alice.token());
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json().findValue("userName").asString()).isEqualTo(alice.name());
                assertThat(took).as(path).isLessThan(Duration.ofSeconds(2));
            }
            assertThat(userService.calls()).hasSize(2); // the cached name was out of reach both times
        } finally {
            TestRedis.start();
        }
        awaitCacheWorks(alice, postId);
    }

    /** Redis is back (the client reconnects on its own): a lookup is answered from the cache again. */
    private void awaitCacheWorks(TestUser user, long postId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            userService.reset();
            api.get("/api/v1/posts/" + postId, user.token());
            api.get("/api/v1/posts/" + postId, user.token());
            if (userService.calls().size() <= 1) {
                return;
            }
            pause(Duration.ofMillis(500));
        }
        throw new AssertionError("the author cache did not work again within 30 s after Redis came back");
    }

    private long pending(String owner) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_events WHERE message_key = ? AND published_at IS NULL AND "
                + EventConsumer.REACTION_ROWS)
                .param(owner).query(Long.class).single();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.sns.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.post.support.EventConsumer;
import dev.sns.post.support.TestKafka;
import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Likes and comments on someone else's post reach Kafka (sns.post-events) through the outbox, as documented. */
class OutboxEventsTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    EventConsumer events;

    @BeforeEach
    void subscribe() {
        events = new EventConsumer(TestKafka.bootstrapServers(), "sns.post-events");
    }

    @AfterEach
    void unsubscribe() {
        events.close();
    }

    @Test
    void likesAndCommentsOfOthersArePublishedKeyedByThePostOwner() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        TestUser carol = newUser();
        long postId = createPostId(alice);

        api.post("/api/v1/posts/" + postId + "/likes", alice.token(), null); // own post: no event
        api.post("/api/v1/posts/" + postId + "/comments", alice.token(), Client.json(Map.of("comment", "mine")));
        api.post("/api/v1/posts/" + postId + "/likes", bob.token(), null);
        long commentId = api.post("/api/v1/posts/" + postId + "/comments", carol.token(),
                Client.json(Map.of("comment", "hi"))).result().path("id").asLong();

        List<EventConsumer.Event> received = events.await(EventConsumer.aboutPost(postId), 2, Duration.ofSeconds(20));

        assertThat(received).hasSize(2);
        assertThat(received).allSatisfy(event -> assertThat(event.key()).isEqualTo(String.valueOf(alice.id())));
        JsonNode like = received.get(0).value();
        assertThat(like.propertyNames()).containsExactly("eventId", "type", "postId", "postOwnerId", "actorId",
                "actorName", "occurredAt", "likeId");
        assertThat(like.path("likeId").asLong()).isEqualTo(jdbc.sql("SELECT id FROM likes WHERE post_id = ? AND user_id = ?")
                .params(postId, bob.id()).query(Long.class).single());
        assertThat(UUID.fromString(like.path("eventId").asString())).isNotNull();
        assertThat(like.path("type").asString()).isEqualTo("NEW_LIKE_ON_POST");
        assertThat(like.path("postId").asLong()).isEqualTo(postId);
        assertThat(like.path("postOwnerId").asLong()).isEqualTo(alice.id());
        assertThat(like.path("actorId").asLong()).isEqualTo(bob.id());
        assertThat(like.path("actorName").asString()).isEqualTo(bob.name());
        assertThat(Instant.parse(like.path("occurredAt").asString())).isBefore(Instant.now().plusSeconds(1));
        JsonNode comment = received.get(1).value();
        assertThat(comment.propertyNames()).containsExactly("eventId", "type", "postId", "postOwnerId", "actorId",
                "actorName", "occurredAt", "commentId");
        assertThat(comment.path("type").asString()).isEqualTo("NEW_COMMENT_ON_POST");
        assertThat(comment.path("actorId").asLong()).isEqualTo(carol.id());
        assertThat(comment.path("actorName").asString()).isEqualTo(carol.name());
        assertThat(comment.path("commentId").asLong()).isEqualTo(commentId);

        // nothing about alice's own like/comment was recorded, and both rows are marked published
        assertThat(jdbc.sql("SELECT published_at IS NOT NULL FROM outbox_events WHERE message_key = ? AND " + EventConsumer.REACTION_ROWS)
                .param(String.valueOf(alice.id())).query(Boolean.class).list()).containsExactly(true, true);
        assertThat(events.drain(EventConsumer.aboutPost(postId), Duration.ofMillis(600))).hasSize(2);
    }

    @Test
    void anUnlikeOfSomeoneElsesPostIsPublishedWithTheLikeItTakesBack() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long postId = createPostId(alice);
        api.post("/api/v1/posts/" + postId + "/likes", alice.token(), null);
        api.post("/api/v1/posts/" + postId + "/likes", bob.token(), null);

        api.delete("/api/v1/posts/" + postId + "/likes", alice.token()); // own post: no event
        api.delete("/api/v1/posts/" + postId + "/likes", bob.token());
        api.delete("/api/v1/posts/" + postId + "/likes", bob.token()); // nothing left to take back: no event

        List<EventConsumer.Event> received = events.await(EventConsumer.aboutPost(postId), 2, Duration.ofSeconds(20));
        assertThat(events.drain(EventConsumer.aboutPost(postId), Duration.ofMillis(600))).hasSize(2);
        JsonNode like = received.get(0).value();
        JsonNode unlike = received.get(1).value();
        assertThat(unlike.propertyNames()).containsExactly("eventId", "type", "postId", "postOwnerId", "actorId",
                "actorName", "occurredAt", "likeId", "likedAt");
        assertThat(received.get(1).key()).isEqualTo(String.valueOf(alice.id()));
        assertThat(unlike.path("type").asString()).isEqualTo("LIKE_REMOVED_FROM_POST");
        assertThat(unlike.path("actorId").asLong()).isEqualTo(bob.id());
        assertThat(unlike.path("likeId").asLong()).isEqualTo(like.path("likeId").asLong());
        // the like's own time (as stored), so that it is taken back from the time bucket it was counted in
        assertThat(Instant.parse(unlike.path("likedAt").asString()).getEpochSecond())
                .isEqualTo(Instant.parse(like.path("occurredAt").asString()).getEpochSecond());
        assertThat(Instant.parse(unlike.path("occurredAt").asString()))
                .isAfterOrEqualTo(Instant.parse(like.path("occurredAt").asString()));
    }

    @Test
    void aLikeThatFailsPublishesNothing() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long postId = createPostId(alice);

        api.post("/api/v1/posts/" + postId + "/likes", bob.token(), null);
        Gateway.Reply duplicate = api.post("/api/v1/posts/" + postId + "/likes", bob.token(), null);

        assertThat(duplicate.resultCode()).isEqualTo("ALREADY_LIKED");
        assertThat(events.await(EventConsumer.aboutPost(postId), 1, Duration.ofSeconds(20))).hasSize(1);
        assertThat(events.drain(EventConsumer.aboutPost(postId), Duration.ofMillis(1000))).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_events WHERE message_key = ? AND " + EventConsumer.REACTION_ROWS)
                .param(String.valueOf(alice.id())).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void backlogIsExposedAsAGauge() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long postId = createPostId(alice);
        api.post("/api/v1/posts/" + postId + "/likes", bob.token(), null);
        events.await(EventConsumer.aboutPost(postId), 1, Duration.ofSeconds(20));

        double backlog = meters.get("sns.outbox.backlog").gauge().value();

        assertThat(backlog).isEqualTo((double) jdbc.sql("SELECT COUNT(*) FROM outbox_events WHERE published_at IS NULL")
                .query(Long.class).single());
    }

    @Test
    void everyPostCreatedAndDeletedIsPublishedKeyedByItsAuthor() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long postId = createPostId(alice);
        long otherPostId = createPostId(alice);
        api.post("/api/v1/posts/" + postId + "/likes", alice.token(), null); // own post: no like event
        assertThat(api.delete("/api/v1/posts/" + postId, bob.token()).status()).isEqualTo(403); // failed: no event
        assertThat(api.delete("/api/v1/posts/" + postId, alice.token()).status()).isEqualTo(200);

        List<EventConsumer.Event> received = events.await(EventConsumer.lifecycleOf(postId), 2, Duration.ofSeconds(20));
        assertThat(events.drain(EventConsumer.lifecycleOf(postId), Duration.ofMillis(600))).hasSize(2);
        assertThat(events.drain(EventConsumer.aboutPost(postId), Duration.ofMillis(100))).isEmpty();
        assertThat(received).allSatisfy(event -> assertThat(event.key()).isEqualTo(String.valueOf(alice.id())));
        JsonNode created = received.get(0).value();
        assertThat(created.propertyNames()).containsExactly("eventId", "type", "postId", "postOwnerId", "actorId",
                "actorName", "occurredAt");
        assertThat(created.path("type").asString()).isEqualTo("POST_CREATED");
        assertThat(created.path("postOwnerId").asLong()).isEqualTo(alice.id());
        assertThat(created.path("actorId").asLong()).isEqualTo(alice.id());
        assertThat(created.path("actorName").asString()).isEqualTo(alice.name());
        JsonNode deleted = received.get(1).value();
        assertThat(deleted.path("type").asString()).isEqualTo("POST_DELETED");
        assertThat(deleted.path("postId").asLong()).isEqualTo(postId);
        assertThat(deleted.path("actorId").asLong()).isEqualTo(alice.id());
        JsonNode otherCreated = events.await(EventConsumer.lifecycleOf(otherPostId), 1, Duration.ofSeconds(20))
                .getFirst().value();
        assertThat(otherCreated.path("type").asString()).isEqualTo("POST_CREATED");
        // the post's own timestamp, as stored
        assertThat(Instant.parse(otherCreated.path("occurredAt").asString())).isEqualTo(Instant.parse(
                api.get("/api/v1/posts/" + otherPostId, alice.token()).result().path("registeredAt").asString()));
    }
}

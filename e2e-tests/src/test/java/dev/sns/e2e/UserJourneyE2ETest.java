package dev.sns.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.SseSubscriber;
import dev.sns.testsupport.Users;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole product through the gateway: two people join, one posts, the other likes and comments, and the
 * author sees both alarms arrive live on an open stream and in the alarm list.
 */
class UserJourneyE2ETest {

    @BeforeAll
    static void warmSuite() {
        Gateway.awaitWarm();
    }

    @Test
    void aLikeAndACommentReachThePostAuthorLiveAndInTheAlarmList() throws Exception {
        Users.User alice = Users.newUser("alice");
        Users.User bob = Users.newUser("bob");

        try (SseSubscriber aliceStream = new SseSubscriber(alice.token())) {
            assertThat(aliceStream.status(Duration.ofSeconds(10))).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> !aliceStream.events().isEmpty());
            assertThat(aliceStream.events().getFirst().name()).isEqualTo("alarm");
            assertThat(aliceStream.events().getFirst().data()).isEqualTo("connect completed");

            Gateway.Reply created = Gateway.post("/api/v1/posts", alice.token(),
                    "{\"title\":\"Hello\",\"body\":\"My first post\"}");
            assertThat(created.status()).isEqualTo(200);
            long postId = created.result().get("id").asLong();

            long likedAt = System.nanoTime();
            assertThat(Gateway.post("/api/v1/posts/" + postId + "/likes", bob.token(), null).status()).isEqualTo(200);
            Gateway.Reply comment = Gateway.post("/api/v1/posts/" + postId + "/comments", bob.token(),
                    "{\"comment\":\"Nice post!\"}");
            assertThat(comment.status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(2)).until(() -> aliceStream.events().size() >= 3);
            List<SseSubscriber.Event> alarms = aliceStream.events().subList(1, 3);
            assertThat(alarms).extracting(e -> Gateway.JSON.readTree(e.data()).get("alarmType").asString())
                    .containsExactlyInAnyOrder("NEW_LIKE_ON_POST", "NEW_COMMENT_ON_POST");
            for (SseSubscriber.Event event : alarms) {
                JsonNode alarm = Gateway.JSON.readTree(event.data());
                assertThat(event.name()).isEqualTo("alarm");
                assertThat(event.id()).isEqualTo(alarm.get("id").asString());
                assertThat(alarm.get("alarmArgs").get("fromUserId").asLong()).isEqualTo(bob.id());
                assertThat(alarm.get("alarmArgs").get("targetId").asLong()).isEqualTo(postId);
                assertThat((event.receivedAtNanos() - likedAt) / 1_000_000).as("ms from like to push").isLessThan(2000);
            }
        }

        Gateway.Reply alarmList = Gateway.get("/api/v1/users/alarm", alice.token());
        assertThat(alarmList.result().get("totalElements").asLong()).isEqualTo(2);
        assertThat(alarmList.result().get("content")).extracting(a -> a.get("text").asString())
                .containsExactlyInAnyOrder("new like!", "new comment!");
        assertThat(Gateway.get("/api/v1/users/alarm", bob.token()).result().get("totalElements").asLong())
                .as("no alarm for the actor").isZero();
    }

    @Test
    void unreadAlarmsAreCountedLiveOnTheStreamAndMarkedReadByTheirReceiverOnly() throws Exception {
        Users.User alice = Users.newUser("alice");
        Users.User bob = Users.newUser("bob");
        long postId = Gateway.post("/api/v1/posts", alice.token(), "{\"title\":\"Unread\",\"body\":\"Body\"}")
                .result().get("id").asLong();

        try (SseSubscriber aliceStream = new SseSubscriber(alice.token())) {
            assertThat(aliceStream.status(Duration.ofSeconds(10))).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> !aliceStream.unreadCounts().isEmpty());
            assertThat(aliceStream.events().getFirst().data()).as("the contract's first event stays first")
                    .isEqualTo("connect completed");
            assertThat(aliceStream.unreadCounts()).containsExactly(0L);

            Gateway.post("/api/v1/posts/" + postId + "/likes", bob.token(), null);
            Gateway.post("/api/v1/posts/" + postId + "/comments", bob.token(), "{\"comment\":\"unread?\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> aliceStream.unreadCounts().getLast() == 2);
            assertThat(aliceStream.events()).hasSize(3);
            assertThat(Gateway.get("/api/v1/users/alarm/unread-count", alice.token()).result().get("count").asLong())
                    .isEqualTo(2);
            JsonNode listed = Gateway.get("/api/v1/users/alarm", alice.token()).result().get("content");
            assertThat(listed).extracting(a -> a.get("read").asBoolean()).containsExactly(false, false);
            long oldest = listed.get(1).get("id").asLong();

            // others' alarms are out of reach: Bob naming Alice's alarm moves only his own (empty) state
            Gateway.Reply bobReads = Gateway.post("/api/v1/users/alarm/read", bob.token(), "{\"upToId\":" + oldest + "}");
            assertThat(bobReads.status()).isEqualTo(200);
            assertThat(bobReads.result().get("count").asLong()).isZero();
            Gateway.Reply bad = Gateway.post("/api/v1/users/alarm/read", alice.token(), "{\"upToId\":-1}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.resultCode()).isEqualTo("INVALID_REQUEST");
            assertThat(Gateway.post("/api/v1/users/alarm/read", null, null).status()).isEqualTo(401);
            assertThat(Gateway.get("/api/v1/users/alarm/unread-count", alice.token()).result().get("count").asLong())
                    .isEqualTo(2);

            Gateway.Reply upTo = Gateway.post("/api/v1/users/alarm/read", alice.token(), "{\"upToId\":" + oldest + "}");
            assertThat(upTo.result().get("count").asLong()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(2)).until(() -> aliceStream.unreadCounts().getLast() == 1);

            Gateway.Reply all = Gateway.post("/api/v1/users/alarm/read", alice.token(), null);
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.result().get("count").asLong()).isZero();
            await().atMost(Duration.ofSeconds(2)).until(() -> aliceStream.unreadCounts().getLast() == 0);
            assertThat(Gateway.get("/api/v1/users/alarm", alice.token()).result().get("content"))
                    .extracting(a -> a.get("read").asBoolean()).containsExactly(true, true);
            assertThat(aliceStream.events()).as("reads send no alarm event").hasSize(3);
        }
    }

    @Test
    void feedMyPostsLikeCountAndCommentsShowWhatHappened() {
        Users.User alice = Users.newUser("alice");
        Users.User bob = Users.newUser("bob");
        long postId = Gateway.post("/api/v1/posts", alice.token(), "{\"title\":\"Journey\",\"body\":\"Body\"}")
                .result().get("id").asLong();

        Gateway.post("/api/v1/posts/" + postId + "/likes", bob.token(), null);
        Gateway.Reply again = Gateway.post("/api/v1/posts/" + postId + "/likes", bob.token(), null);
        Gateway.post("/api/v1/posts/" + postId + "/comments", bob.token(), "{\"comment\":\"first\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.resultCode()).isEqualTo("ALREADY_LIKED");
        assertThat(Gateway.get("/api/v1/posts/" + postId + "/likes", bob.token()).result().asLong()).isEqualTo(1);

        JsonNode feedTop = Gateway.get("/api/v1/posts?page=undefined&size=5", bob.token()).result();
        JsonNode post = feedTop.get("content").get(0);
        assertThat(post.get("id").asLong()).isEqualTo(postId);
        assertThat(post.get("user").get("userName").asString()).isEqualTo(alice.name());
        assertThat(post.get("user").get("name").asString()).isEqualTo(alice.name());
        assertThat(post.get("likeCount").asInt()).isEqualTo(1);
        assertThat(post.get("commentCount").asInt()).isEqualTo(1);

        JsonNode mine = Gateway.get("/api/v1/posts/my", alice.token()).result();
        assertThat(mine.get("totalElements").asLong()).isEqualTo(1);
        assertThat(Gateway.get("/api/v1/posts/my", bob.token()).result().get("totalElements").asLong()).isZero();

        JsonNode comments = Gateway.get("/api/v1/posts/" + postId + "/comments", alice.token()).result();
        assertThat(comments.get("content").get(0).get("comment").asString()).isEqualTo("first");
        assertThat(comments.get("content").get(0).get("userName").asString()).isEqualTo(bob.name());

        Gateway.Reply foreignEdit = Gateway.call("PUT", "/api/v1/posts/" + postId, bob.token(), "{\"title\":\"x\",\"body\":\"y\"}");
        assertThat(foreignEdit.status()).isEqualTo(403);
        assertThat(foreignEdit.resultCode()).isEqualTo("INVALID_PERMISSION");
    }
}

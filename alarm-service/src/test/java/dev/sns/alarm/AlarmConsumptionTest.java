package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.SseStream;
import dev.sns.testsupport.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Post events from Kafka become alarms of the post's owner, once each; poison messages are set aside. */
class AlarmConsumptionTest extends AlarmTestSupport {

    @Test
    void likeAndCommentEventsBecomeTheOwnersAlarmsNewestFirst() throws Exception {
        long owner = newUser();
        long liker = newUser();
        long commenter = newUser();
        PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 501, owner, liker));
        PostEvents.send(owner, PostEvents.comment(PostEvents.newEventId(), 502, owner, commenter));

        JsonNode page = awaitAlarms(owner, 2);

        assertThat(fieldNames(page)).containsExactlyInAnyOrder("content", "number", "size", "totalElements",
                "totalPages", "numberOfElements", "first", "last", "empty");
        assertThat(page.get("number").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(20);
        assertThat(page.get("totalElements").asLong()).isEqualTo(2);
        assertThat(page.get("totalPages").asInt()).isEqualTo(1);
        assertThat(page.get("numberOfElements").asInt()).isEqualTo(2);
        assertThat(page.get("first").asBoolean()).isTrue();
        assertThat(page.get("last").asBoolean()).isTrue();
        assertThat(page.get("empty").asBoolean()).isFalse();

        JsonNode newest = page.get("content").get(0);
        JsonNode oldest = page.get("content").get(1);
        assertThat(fieldNames(newest)).containsExactly("id", "alarmType", "alarmArgs", "text", "registeredAt",
                "updatedAt", "deletedAt", "read"); // read: (ext)
        assertThat(newest.get("read").asBoolean()).isFalse();
        assertThat(newest.get("id").asLong()).isGreaterThan(oldest.get("id").asLong());
        assertThat(newest.get("alarmType").asString()).isEqualTo("NEW_COMMENT_ON_POST");
        assertThat(newest.get("text").asString()).isEqualTo("new comment!");
        assertThat(newest.get("alarmArgs").get("fromUserId").asLong()).isEqualTo(commenter);
        assertThat(newest.get("alarmArgs").get("targetId").asLong()).isEqualTo(502);
        assertThat(oldest.get("alarmType").asString()).isEqualTo("NEW_LIKE_ON_POST");
        assertThat(oldest.get("text").asString()).isEqualTo("new like!");
        assertThat(oldest.get("alarmArgs").get("fromUserId").asLong()).isEqualTo(liker);
        assertThat(oldest.get("alarmArgs").get("targetId").asLong()).isEqualTo(501);
        Instant registered = Instant.parse(oldest.get("registeredAt").asString());
        assertThat(registered).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(oldest.get("updatedAt").isNull()).isTrue();
        assertThat(oldest.get("deletedAt").isNull()).isTrue();

        JsonNode ascending = alarms(owner, "?sort=id,asc&size=1");
        assertThat(ascending.get("content").get(0).get("id")).isEqualTo(oldest.get("id"));
        assertThat(ascending.get("totalPages").asInt()).isEqualTo(2);
        assertThat(alarms(newUser(), "").get("empty").asBoolean()).isTrue();
    }

    @Test
    void anEventDeliveredTwiceMakesOneAlarm() throws Exception {
        long owner = newUser();
        String eventId = PostEvents.newEventId();
        String event = PostEvents.like(eventId, 601, owner, newUser());
        PostEvents.send(owner, event);
        PostEvents.send(owner, event);
        // same key, same partition: once this later event is stored, both copies above have been consumed
        PostEvents.send(owner, PostEvents.comment(PostEvents.newEventId(), 602, owner, newUser()));

        awaitAlarms(owner, 2);

        JsonNode page = alarms(owner, "?sort=id,asc");
        assertThat(page.get("totalElements").asLong()).isEqualTo(2);
        JsonNode content = page.get("content");
        assertThat(content.get(0).get("alarmArgs").get("targetId").asLong()).isEqualTo(601);
        assertThat(content.get(1).get("alarmArgs").get("targetId").asLong()).isEqualTo(602);
    }

    @Test
    void actingOnYourOwnPostRaisesNoAlarm() throws Exception {
        long owner = newUser();
        PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 701, owner, owner));
        PostEvents.send(owner, PostEvents.comment(PostEvents.newEventId(), 701, owner, owner));
        PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 702, owner, newUser()));

        awaitAlarms(owner, 1);

        JsonNode content = alarms(owner, "").get("content");
        assertThat(content.size()).isEqualTo(1);
        assertThat(content.get(0).get("alarmArgs").get("targetId").asLong()).isEqualTo(702);
    }

    @Test
    void anUnlikeIsForOtherConsumers_noAlarmAndNoDeadLetter() throws Exception {
        long owner = newUser();
        String marker = UUID.randomUUID().toString();
        String unlike = PostEvents.json(PostEvents.newEventId(), "LIKE_REMOVED_FROM_POST", 901, owner, newUser(),
                ",\"likeId\":5,\"likedAt\":\"" + Instant.now() + "\",\"marker\":\"" + marker + "\"");
        String poison = "{\"eventId\":\"" + marker + "\", this is not json";
        PostEvents.send(owner, unlike);
        PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 902, owner, newUser()));
        PostEvents.send(owner, poison);

        JsonNode content = awaitAlarms(owner, 1).get("content");
        assertThat(content.size()).isEqualTo(1);
        assertThat(content.get(0).get("alarmArgs").get("targetId").asLong()).isEqualTo(902);
        // one key, one partition: a dead-lettered unlike would have arrived there before the poison message
        assertThat(deadLetters(marker, 1)).containsExactly(poison);
    }

    @Test
    void postCreatedAndDeletedAreForTimelines_noAlarmAndNoDeadLetter() throws Exception {
        long owner = newUser();
        String marker = UUID.randomUUID().toString();
        String poison = "{\"eventId\":\"" + marker + "\", this is not json";
        // a post's own author is its actor: published for every post, unlike likes and comments of your own post
        PostEvents.send(owner, PostEvents.json(PostEvents.newEventId(), "POST_CREATED", 951, owner, owner, ""));
        PostEvents.send(owner, PostEvents.json(PostEvents.newEventId(), "POST_DELETED", 951, owner, owner, ""));
        PostEvents.send(owner, PostEvents.json(PostEvents.newEventId(), "POST_CREATED", 952, owner, newUser(), ""));
        PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 953, owner, newUser()));
        PostEvents.send(owner, poison);

        JsonNode content = awaitAlarms(owner, 1).get("content");
        assertThat(content.size()).isEqualTo(1);
        assertThat(content.get(0).get("alarmArgs").get("targetId").asLong()).isEqualTo(953);
        assertThat(deadLetters(marker, 1)).containsExactly(poison);
    }

    @Test
    void aFollowIsANewFollowerAlarmOfTheFollowedUser_anUnfollowRaisesNone() throws Exception {
        long followed = newUser();
        long follower = newUser();
        long other = newUser();
        PostEvents.sendFollow(follower, PostEvents.follow("FOLLOWED", follower, followed));
        PostEvents.sendFollow(follower, PostEvents.follow("UNFOLLOWED", follower, followed));
        PostEvents.sendFollow(other, PostEvents.follow("UNFOLLOWED", other, followed));
        PostEvents.sendFollow(other, PostEvents.follow("FOLLOWED", other, followed));

        JsonNode content = awaitAlarms(followed, 2).get("content");
        assertThat(content.size()).isEqualTo(2);
        for (JsonNode alarm : content) {
            assertThat(alarm.get("alarmType").asString()).isEqualTo("NEW_FOLLOWER");
            assertThat(alarm.get("text").asString()).isEqualTo("new follower!");
            assertThat(alarm.get("alarmArgs").get("targetId").asLong()).isEqualTo(followed);
        }
        assertThat(List.of(content.get(0).get("alarmArgs").get("fromUserId").asLong(),
                content.get(1).get("alarmArgs").get("fromUserId").asLong())).containsExactlyInAnyOrder(follower, other);
        assertThat(alarms(follower, "").get("empty").asBoolean()).as("the follower gets nothing").isTrue();
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheNextEventIsStillHandled() throws Exception {
        long owner = newUser();
        String marker = UUID.randomUUID().toString();
        String notJson = "{\"eventId\":\"" + marker + "\", this is not json";
        String unknownType = PostEvents.json(PostEvents.newEventId(), "NEW_SHARE_OF_POST", 801, owner, newUser(),
                ",\"marker\":\"" + marker + "\"");
        String missingOwner = "{\"eventId\":\"" + PostEvents.newEventId() + "\",\"type\":\"NEW_LIKE_ON_POST\","
                + "\"postId\":801,\"actorId\":5,\"marker\":\"" + marker + "\"}";
        String badEventId = PostEvents.json("not-a-uuid-" + marker, "NEW_LIKE_ON_POST", 801, owner, newUser(), "");
        List<String> poison = List.of(notJson, unknownType, missingOwner, badEventId);
        poison.forEach(value -> PostEvents.send(owner, value));
        PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 802, owner, newUser()));

        JsonNode content = awaitAlarms(owner, 1).get("content");
        assertThat(content.size()).isEqualTo(1);
        assertThat(content.get(0).get("alarmArgs").get("targetId").asLong()).isEqualTo(802);

        assertThat(deadLetters(marker, poison.size())).containsExactlyInAnyOrderElementsOf(poison);
    }

    @Test
    void theListNeedsAToken() throws Exception {
        assertInvalidToken(api().get("/api/v1/users/alarm", null).body());
        assertThat(api().get("/api/v1/users/alarm", null).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/users/alarm", Tokens.expired(newUser(), "old")).status()).isEqualTo(401);
    }

    @Test
    void aQueryTokenIsAcceptedOnTheStreamOnly() throws Exception {
        long user = newUser();
        var list = api().get("/api/v1/users/alarm?token=" + token(user), null);
        assertThat(list.status()).isEqualTo(401);
        assertInvalidToken(list.body());

        try (SseStream stream = SseStream.open(streamUri("/api/v1/users/alarm/subscribe?token=" + token(user)), Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            assertConnected(stream);
        }
        try (SseStream stream = SseStream.open(streamUri("/api/v1/users/alarm/subscribe"), Map.of())) {
            assertThat(stream.status()).isEqualTo(401);
        }
    }

    private static void assertInvalidToken(String body) {
        JsonNode json = JSON.readTree(body);
        assertThat(json.get("resultCode").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(json.get("result").isNull()).isTrue();
        assertThat(json.get("resultMessage").asString()).isNotBlank();
    }

    /** The values on the dead-letter topic that contain {@code marker}, once {@code count} of them are there. */
    private static List<String> deadLetters(String marker, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PostEvents.broker(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-dlt-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(PostEvents.DEAD_LETTER_TOPIC));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (value.contains(marker)) {
                        found.add(value);
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    private static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }
}

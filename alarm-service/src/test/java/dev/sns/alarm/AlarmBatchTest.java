package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.alarm.consumer.PostEvent;
import dev.sns.alarm.consumer.PostEventHandler;
import dev.sns.alarm.consumer.PostEventType;
import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A batch of post events as one poll hands it to the listener: stored with one insert, pushed with one fan-out
 * message, each event once however often it arrives.
 */
class AlarmBatchTest extends AlarmTestSupport {

    @Autowired
    PostEventHandler handler;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aBatchStoresAndPushesExactlyTheEventsNotStoredBefore() throws Exception {
        long owner = newUser();
        ConsumerRecord<String, PostEvent> storedBefore = PostEvents.received(like(1301, owner));
        try (SseStream stream = subscribe(owner)) {
            assertConnected(stream);
            AlarmResponse first = handler.handle(List.of(storedBefore)).getFirst();
            assertThat(stream.next(Duration.ofSeconds(2)).id()).isEqualTo(String.valueOf(first.id()));

            ConsumerRecord<String, PostEvent> newLike = PostEvents.received(like(1302, owner));
            ConsumerRecord<String, PostEvent> newComment = PostEvents.received(new PostEvent(PostEvents.newEventId(),
                    PostEventType.NEW_COMMENT_ON_POST, 1303L, owner, newUser(), "commenter", 77L, null));
            List<ConsumerRecord<String, PostEvent>> batch = List.of(
                    PostEvents.received(storedBefore.value()), // a redelivered copy of an event stored before
                    newLike,
                    PostEvents.received(like(1304, owner, owner)), // on their own post: no alarm
                    newComment,
                    PostEvents.received(newLike.value())); // the same event twice in one batch

            List<AlarmResponse> handled = handler.handle(batch);

            assertThat(handled).extracting(alarm -> alarm.alarmArgs().targetId()).containsExactly(1302L, 1303L);
            assertThat(handled.get(1).id()).isGreaterThan(handled.get(0).id()).isGreaterThan(first.id());
            JsonNode listed = alarms(owner, "?sort=id,asc");
            assertThat(listed.get("totalElements").asLong()).isEqualTo(3);
            assertThat(targets(listed)).containsExactly(1301L, 1302L, 1303L);
            // the alarms returned (and pushed) are the stored ones, field by field, in the order of their events
            List<SseEvent> pushed = List.of(stream.next(Duration.ofSeconds(2)), stream.next(Duration.ofSeconds(2)));
            assertThat(pushed).extracting(SseEvent::id)
                    .containsExactly(String.valueOf(handled.get(0).id()), String.valueOf(handled.get(1).id()));
            assertThat(JSON.readTree(pushed.get(0).data())).isEqualTo(listed.get("content").get(1));
            assertThat(JSON.readTree(pushed.get(1).data())).isEqualTo(listed.get("content").get(2));
            assertThat(JSON.readTree(pushed.get(1).data()).get("alarmType").asString()).isEqualTo("NEW_COMMENT_ON_POST");
            assertThat(stream.during(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void aRedeliveredBatchStoresAndPushesNothingTwice() throws Exception {
        long owner = newUser();
        long otherOwner = newUser();
        List<PostEvent> events = List.of(like(1401, owner), like(1402, otherOwner), like(1403, owner));
        try (SseStream stream = subscribe(owner)) {
            assertConnected(stream);
            List<AlarmResponse> firstTime = handler.handle(events.stream().map(PostEvents::received).toList());
            assertThat(firstTime).extracting(alarm -> alarm.alarmArgs().targetId()).containsExactly(1401L, 1402L, 1403L);
            assertThat(List.of(stream.next(Duration.ofSeconds(2)), stream.next(Duration.ofSeconds(2))))
                    .extracting(SseEvent::id)
                    .containsExactly(String.valueOf(firstTime.get(0).id()), String.valueOf(firstTime.get(2).id()));

            // Kafka hands the same records over again (a consumer died before committing their offsets)
            List<AlarmResponse> secondTime = handler.handle(events.stream().map(PostEvents::received).toList());

            assertThat(secondTime).isEmpty();
            assertThat(targets(alarms(owner, "?sort=id,asc"))).containsExactly(1401L, 1403L);
            assertThat(targets(alarms(otherOwner, ""))).containsExactly(1402L);
            assertThat(stream.during(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void aSingleAlarmMessageOfAnInstanceThatDoesNotBatchYetIsStillPushed() throws Exception {
        long owner = newUser();
        AlarmResponse alarm = handler.handle(List.of(PostEvents.received(like(1501, owner)))).getFirst();
        try (SseStream stream = subscribe(owner)) {
            assertConnected(stream);
            // the message format before batching: one object per alarm (published during a rolling update)
            Map<String, Object> single = new HashMap<>();
            single.put("userId", owner);
            single.put("alarm", alarm);
            single.put("trace", Map.of());
            redis.convertAndSend(environment.getProperty("sns.alarm.stream.redis-channel", "sns:alarms"),
                    JSON.writeValueAsString(single));

            SseEvent pushed = stream.next(Duration.ofSeconds(2));
            assertThat(pushed.id()).isEqualTo(String.valueOf(alarm.id()));
            assertThat(JSON.readTree(pushed.data())).isEqualTo(alarms(owner, "").get("content").get(0));
        }
    }

    private static PostEvent like(long postId, long owner) {
        return like(postId, owner, newUser());
    }

    private static PostEvent like(long postId, long owner, long actor) {
        return PostEvents.likeEvent(PostEvents.newEventId(), postId, owner, actor);
    }

    private static List<Long> targets(JsonNode page) {
        return page.get("content").valueStream().map(alarm -> alarm.get("alarmArgs").get("targetId").asLong()).toList();
    }
}

package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * No gap, revealed by the next message: a fan-out message dropped on its way (the test hook plays a lost pub/sub
 * message) is noticed by the next one of the same user, whose count skips a version, and the stream catches up from
 * the database without reconnecting. The heartbeat round is an hour away here, so only the message can reveal it
 * ({@link StreamGapAtRestTest}: the dropped message is the user's last one).
 */
@TestPropertySource(properties = "sns.alarm.stream.heartbeat=1h")
class StreamGapTest extends AlarmTestSupport {

    @Test
    void anAlarmWhoseMessageWasLostReachesTheOpenStreamWhenTheNextOneArrives() throws Exception {
        long owner = newUser();
        try (SseStream stream = subscribe(owner)) {
            assertConnected(stream);
            assertThat(stream.nextUnread(Duration.ofSeconds(5))).isEqualTo("{\"count\":0}");

            fanOut.dropReceived(user -> user == owner);
            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 5001, owner, newUser()));
            awaitAlarms(owner, 1); // stored; its message was dropped
            assertThat(stream.during(Duration.ofMillis(500))).as("nothing arrives while dropped").isEmpty();

            fanOut.dropReceived(user -> false);
            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 5002, owner, newUser()));

            List<Long> targets = List.of(targetOf(stream.next(Duration.ofSeconds(5))),
                    targetOf(stream.next(Duration.ofSeconds(5))));
            assertThat(targets).as("in the order of their ids: the held-back one after the caught-up one")
                    .containsExactly(5001L, 5002L);
            assertThat(alarmStream.connections(owner)).as("the same stream, no reconnect").isEqualTo(1);
        }
    }

    @Test
    void severalLostMessagesAreCaughtUpInOrderOfTheirIds() throws Exception {
        long owner = newUser();
        try (SseStream stream = subscribe(owner)) {
            assertConnected(stream);
            stream.nextUnread(Duration.ofSeconds(5));

            fanOut.dropReceived(user -> user == owner);
            for (int i = 0; i < 3; i++) {
                PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 5101 + i, owner, newUser()));
                awaitAlarms(owner, i + 1); // one batch each
            }
            fanOut.dropReceived(user -> false);
            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 5104, owner, newUser()));

            List<Long> targets = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                targets.add(targetOf(stream.next(Duration.ofSeconds(5))));
            }
            assertThat(targets).as("in the order of their ids").containsExactly(5101L, 5102L, 5103L, 5104L);
            assertThat(stream.during(Duration.ofMillis(500))).as("none twice")
                    .noneMatch(event -> "alarm".equals(event.name()));
        }
    }

    static long targetOf(SseEvent alarm) throws Exception {
        return JSON.readTree(alarm.data()).get("alarmArgs").get("targetId").asLong();
    }
}

package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * No gap when the lost message is the user's last one: no later message reveals it, the heartbeat round does (it
 * compares each stream's version with the database's), and the stream catches up without reconnecting.
 */
@TestPropertySource(properties = "sns.alarm.stream.heartbeat=500ms")
class StreamGapAtRestTest extends AlarmTestSupport {

    @Test
    void anAlarmWhoseMessageWasTheLastOneLostReachesTheOpenStreamAtTheNextHeartbeat() throws Exception {
        long owner = newUser();
        try (SseStream stream = subscribe(owner)) {
            assertConnected(stream);
            fanOut.dropReceived(user -> user == owner);

            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 5201, owner, newUser()));

            SseEvent alarm = stream.next(Duration.ofSeconds(10));
            assertThat(StreamGapTest.targetOf(alarm)).isEqualTo(5201);
            assertThat(alarm.id()).isEqualTo(awaitAlarms(owner, 1).get("content").get(0).get("id").asString());
            assertThat(alarmStream.connections(owner)).as("the same stream, no reconnect").isEqualTo(1);
        }
    }
}

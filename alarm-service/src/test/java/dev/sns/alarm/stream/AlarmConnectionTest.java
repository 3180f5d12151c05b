package dev.sns.alarm.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.AlarmType;
import dev.sns.alarm.Unread;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import tools.jackson.databind.json.JsonMapper;

/** The stream's sequence (docs/alarms.md, "No gap"): when it knows it lacks something, and where it catches up from. */
class AlarmConnectionTest {

    private final AlarmConnection stream = new AlarmConnection(7, 0, new SseFrames(JsonMapper.builder().build()),
            closed -> { });

    private static AlarmResponse alarm(long id) {
        return new AlarmResponse(id, AlarmType.NEW_LIKE_ON_POST, new AlarmResponse.AlarmArgs(1, 2), "new like!",
                Instant.EPOCH, null, null, false);
    }

    private List<String> sent() {
        return stream.events(Duration.ofMinutes(1)).take(Duration.ofMillis(200)).collectList().block();
    }

    @Test
    void aCountThatSkipsAVersionHoldsItsAlarmsBackUntilTheCatchUpSentTheMissingOnes() {
        stream.replay(List.of(), new StreamPosition(new Unread(0, 3), 50)); // fresh: nothing replayed, newest alarm 50
        assertThat(stream.deliver(List.of(alarm(51)), new Unread(1, 4))).as("the next version").isFalse();
        assertThat(stream.syncedAlarmId()).isEqualTo(51);

        // version 6: the message of version 5 (alarm 55) was lost
        assertThat(stream.deliver(List.of(alarm(60)), new Unread(3, 6))).as("a skipped version").isTrue();
        assertThat(stream.syncedAlarmId()).as("the catch-up starts after the last complete version").isEqualTo(51);
        assertThat(stream.deliver(List.of(alarm(61)), new Unread(4, 8))).as("held back: one catch-up at a time")
                .isFalse();

        boolean again = stream.replay(List.of(alarm(55), alarm(60)), new StreamPosition(new Unread(3, 6), 60));
        assertThat(again).as("the held-back count skips version 7").isTrue();

        List<String> events = sent();
        assertThat(events.stream().filter(e -> e.startsWith("event:alarm\nid:")).map(e -> e.split("\n")[1]))
                .as("every alarm once, in the order of their ids: a reconnect after any of them misses none")
                .containsExactly("id:51", "id:55", "id:60", "id:61");
    }

    @Test
    void alarmsWithoutACountGoOutAtOnce() { // messages of instances that do not send the count
        stream.replay(List.of(), new StreamPosition(new Unread(0, 3), 50));
        assertThat(stream.deliver(List.of(alarm(51), alarm(52)), null)).isFalse();
        assertThat(sent().stream().filter(e -> e.startsWith("event:alarm\nid:")).map(e -> e.split("\n")[1]))
                .containsExactly("id:51", "id:52");
    }

    @Test
    void aReadKeepsTheCatchUpPointAndTheDatabaseRevealsALostLastMessage() {
        stream.replay(List.of(), new StreamPosition(new Unread(2, 3), 50));
        assertThat(stream.deliver(List.of(), new Unread(0, 4))).as("a read: the next version, no alarm").isFalse();
        assertThat(stream.syncedAlarmId()).as("not back to 0: old alarms are not replayed").isEqualTo(50);

        assertThat(stream.behind(new Unread(0, 4))).as("the database has what the stream has").isFalse();
        assertThat(stream.behind(new Unread(1, 5))).as("a newer stored version: its message was lost").isTrue();
        assertThat(stream.behind(new Unread(1, 5))).as("catching up already").isFalse();
    }

    @Test
    void aReplayInPagesHoldsLiveAlarmsBackUntilItsLastPage() {
        AlarmConnection reconnected = new AlarmConnection(7, 10, new SseFrames(JsonMapper.builder().build()),
                closed -> { });
        reconnected.replayPage(List.of(alarm(11), alarm(12)));
        assertThat(reconnected.syncedAlarmId()).as("the next page starts after the last one sent").isEqualTo(12);
        assertThat(reconnected.deliver(List.of(alarm(20)), new Unread(5, 9))).as("held back: the replay runs")
                .isFalse();
        assertThat(reconnected.behind(new Unread(5, 9))).as("the replay reads the database anyway").isFalse();

        assertThat(reconnected.replay(List.of(alarm(13), alarm(20)), new StreamPosition(new Unread(5, 9), 20))).isFalse();
        List<String> events = reconnected.events(Duration.ofMinutes(1)).take(Duration.ofMillis(200)).collectList()
                .block();
        assertThat(events.stream().filter(e -> e.startsWith("event:alarm\nid:")).map(e -> e.split("\n")[1]))
                .containsExactly("id:11", "id:12", "id:13", "id:20");
    }

    @Test
    void roomInTheOutboxComesWhenTheClientTakesWhatIsQueued() {
        for (int i = 1; i <= AlarmConnection.OUTBOX - 10; i++) {
            stream.heartbeat();
        }
        assertThat(stream.awaitRoom(100, Duration.ofMillis(50))).as("nobody reads: no room").isFalse();

        List<String> taken = new ArrayList<>();
        stream.events(Duration.ofMinutes(1)).subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                subscription.request(100); // a client that takes 100 events, then waits
            }

            @Override
            protected void hookOnNext(String event) {
                taken.add(event);
            }
        });
        assertThat(taken).hasSize(100);
        assertThat(stream.awaitRoom(100, Duration.ofMillis(50))).as("taken: room again").isTrue();
        assertThat(stream.awaitRoom(120, Duration.ofMillis(50))).as("not for more than was taken").isFalse();
    }
}

package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The live stream: connect event, pushed alarms (to every connection of the receiver only), replay on reconnect. */
class AlarmStreamTest extends AlarmTestSupport {

    @Autowired
    AlarmService alarms;

    @Test
    void aStoredAlarmIsPushedAsAnAlarmEventWithinTwoSeconds() throws Exception {
        long owner = newUser();
        long liker = newUser();
        try (SseStream stream = subscribe(owner)) {
            assertThat(stream.contentType()).startsWith("text/event-stream");
            assertConnected(stream);

            long sent = System.nanoTime();
            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 901, owner, liker));
            SseEvent event = stream.next(Duration.ofSeconds(2));
            Duration latency = Duration.ofNanos(System.nanoTime() - sent);

            JsonNode listed = alarms(owner, "").get("content").get(0);
            assertThat(event.name()).isEqualTo("alarm");
            assertThat(event.id()).isEqualTo(listed.get("id").asString());
            assertThat(JSON.readTree(event.data())).isEqualTo(listed);
            assertThat(listed.get("alarmArgs").get("fromUserId").asLong()).isEqualTo(liker);
            assertThat(latency).isLessThan(Duration.ofSeconds(2));
            System.out.printf("Alarm push latency (event produced -> SSE event read): %d ms%n", latency.toMillis());
        }
    }

    @Test
    void everyConnectionOfTheReceiverGetsTheAlarmAndNobodyElseDoes() throws Exception {
        long owner = newUser();
        long other = newUser();
        try (SseStream tab1 = subscribe(owner); SseStream tab2 = subscribe(owner); SseStream stranger = subscribe(other)) {
            assertConnected(tab1);
            assertConnected(tab2);
            assertConnected(stranger);

            PostEvents.send(owner, PostEvents.comment(PostEvents.newEventId(), 902, owner, other));
            SseEvent first = tab1.next(Duration.ofSeconds(2));
            SseEvent second = tab2.next(Duration.ofSeconds(2));
            assertThat(first.id()).isNotNull().isEqualTo(second.id());
            assertThat(first.data()).isEqualTo(second.data());
            assertThat(JSON.readTree(first.data()).get("alarmArgs").get("targetId").asLong()).isEqualTo(902);

            // the stranger's first alarm is their own: the owner's alarm, sent before, never reached them
            PostEvents.send(other, PostEvents.like(PostEvents.newEventId(), 903, other, owner));
            SseEvent strangers = stranger.next(Duration.ofSeconds(2));
            assertThat(JSON.readTree(strangers.data()).get("alarmArgs").get("targetId").asLong()).isEqualTo(903);
            assertThat(tab1.during(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyTheMissedAlarmsThenLiveOnes() throws Exception {
        long owner = newUser();
        String seen = seenOnALiveStream(owner, 1001);
        // offline: two alarms are stored meanwhile
        PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 1002, owner, newUser()));
        PostEvents.send(owner, PostEvents.comment(PostEvents.newEventId(), 1003, owner, newUser()));
        JsonNode missed = awaitAlarms(owner, 3).get("content"); // newest first

        try (SseStream stream = subscribe(streamPort(), owner, Map.of("Last-Event-ID", seen))) {
            assertConnected(stream);
            List<SseEvent> replayed = List.of(stream.next(Duration.ofSeconds(2)), stream.next(Duration.ofSeconds(2)));
            assertThat(replayed).extracting(SseEvent::id)
                    .containsExactly(missed.get(1).get("id").asString(), missed.get(0).get("id").asString());
            assertThat(JSON.readTree(replayed.get(0).data())).isEqualTo(missed.get(1));
            assertThat(JSON.readTree(replayed.get(1).data())).isEqualTo(missed.get(0));

            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 1004, owner, newUser()));
            SseEvent live = stream.next(Duration.ofSeconds(2));
            assertThat(JSON.readTree(live.data()).get("alarmArgs").get("targetId").asLong()).isEqualTo(1004);
            assertThat(stream.during(Duration.ofMillis(300))).isEmpty();
        }

        // EventSource polyfills that cannot set headers send it as a query parameter
        String lastButOne = missed.get(1).get("id").asString();
        try (SseStream stream = SseStream.open(
                streamUri("/api/v1/users/alarm/subscribe?lastEventId=" + lastButOne + "&token=" + token(owner)), Map.of())) {
            assertConnected(stream);
            assertThat(stream.next(Duration.ofSeconds(2)).id()).isEqualTo(missed.get(0).get("id").asString());
            SseEvent newest = stream.next(Duration.ofSeconds(2));
            assertThat(JSON.readTree(newest.data()).get("alarmArgs").get("targetId").asLong()).isEqualTo(1004);
        }
    }
    @Test
    void aReconnectAfterMoreMissedAlarmsThanAPageGetsEveryOneOfThemInOrder() throws Exception {
        long owner = newUser();
        String seen = seenOnALiveStream(owner, 1200);
        // offline: 2.5 pages of the replay (sns.alarm.stream.replay-page = 100), more than the stream's outbox holds
        int offline = 300;
        for (int i = 1; i <= offline; i++) {
            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 1200 + i, owner, newUser()));
        }
        long after = Long.parseLong(seen);
        await().atMost(Duration.ofSeconds(30)).until(() -> alarms.after(owner, after, 1000).size() == offline);
        List<Long> missed = alarms.after(owner, after, 1000).stream().map(AlarmResponse::id).toList();

        try (SseStream stream = subscribe(streamPort(), owner, Map.of("Last-Event-ID", seen))) {
            assertConnected(stream);
            List<Long> replayed = new ArrayList<>();
            while (replayed.size() < offline) {
                SseEvent event = stream.next(Duration.ofSeconds(5));
                if ("alarm".equals(event.name())) {
                    replayed.add(Long.parseLong(event.id()));
                }
            }
            assertThat(replayed).as("every missed alarm once, oldest first").isEqualTo(missed);

            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 1600, owner, newUser()));
            SseEvent live = stream.next(Duration.ofSeconds(2));
            while (!"alarm".equals(live.name())) { // the count after the replay
                live = stream.next(Duration.ofSeconds(2));
            }
            assertThat(JSON.readTree(live.data()).get("alarmArgs").get("targetId").asLong()).isEqualTo(1600);
        }
    }

    @Test
    void aLateCopyOfAnAlarmTheReplayAlreadySentIsNotSentAgain() throws Exception {
        long owner = newUser();
        String seen = seenOnALiveStream(owner, 1101);
        PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), 1102, owner, newUser()));
        awaitAlarms(owner, 2);
        AlarmResponse missed = alarms.after(owner, Long.parseLong(seen), 100).getFirst();

        try (SseStream stream = subscribe(streamPort(), owner, Map.of("Last-Event-ID", seen))) {
            assertConnected(stream);
            assertThat(stream.next(Duration.ofSeconds(2)).id()).isEqualTo(String.valueOf(missed.id()));
            // the fan-out message of that alarm arrives after the replay query had found it (Redis was slow)
            alarmStream.deliver(owner, List.of(missed), null);

            assertThat(stream.during(Duration.ofMillis(500))).as("events after the replay").isEmpty();
        }
    }

    /** Opens a stream, likes the owner's post, and answers the id of that alarm as the stream sent it (then closes). */
    private String seenOnALiveStream(long owner, long postId) throws Exception {
        try (SseStream stream = subscribe(owner)) {
            assertConnected(stream);
            PostEvents.send(owner, PostEvents.like(PostEvents.newEventId(), postId, owner, newUser()));
            return stream.next(Duration.ofSeconds(2)).id();
        }
    }
}

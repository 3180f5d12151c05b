package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.alarm.consumer.PostEventHandler;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The read state of alarms: the unread count, marking all or some read, the read flag, the stream's unread events. */
class AlarmReadTest extends AlarmTestSupport {

    @Autowired
    PostEventHandler handler;

    @Test
    void alarmsAreUnreadUntilTheReceiverMarksThemReadAllOrUpToAnId() throws Exception {
        long owner = newUser();
        assertThat(unreadCount(owner)).as("no alarm yet").isZero();
        assertThat(markRead(owner, "").get("count").asLong()).as("nothing to read").isZero();
        List<AlarmResponse> stored = store(owner, 3);
        assertThat(stored).extracting(AlarmResponse::read).containsOnly(false);
        assertThat(unreadCount(owner)).isEqualTo(3);
        assertThat(readFlags(owner)).containsExactly(false, false, false);

        long middle = stored.get(1).id();
        assertThat(markRead(owner, "{\"upToId\":" + middle + "}").get("count").asLong()).isEqualTo(1);
        assertThat(unreadCount(owner)).isEqualTo(1);
        assertThat(readFlags(owner)).as("newest first").containsExactly(false, true, true);

        // again, or an older id: nothing changes (the mark only moves forward)
        assertThat(markRead(owner, "{\"upToId\":" + middle + "}").get("count").asLong()).isEqualTo(1);
        assertThat(markRead(owner, "{\"upToId\":" + stored.getFirst().id() + "}").get("count").asLong()).isEqualTo(1);
        assertThat(readFlags(owner)).containsExactly(false, true, true);

        // no body, an empty object, an id beyond every alarm: all the caller has, nothing that comes later
        assertThat(markRead(owner, "{\"upToId\":" + Long.MAX_VALUE + "}").get("count").asLong()).isZero();
        assertThat(markRead(owner, "{}").get("count").asLong()).isZero();
        assertThat(markRead(owner, null).get("count").asLong()).isZero();
        assertThat(readFlags(owner)).containsOnly(true);

        List<AlarmResponse> later = store(owner, 2);
        assertThat(unreadCount(owner)).as("alarms after the mark are unread").isEqualTo(2);
        assertThat(readFlags(owner)).containsExactly(false, false, true, true, true);
        assertThat(markRead(owner, "{\"upToId\":" + later.getFirst().id() + "}").get("count").asLong()).isEqualTo(1);
    }

    @Test
    void aUserReadsOnlyTheirOwnAlarmsWhateverIdTheyName() throws Exception {
        long alice = newUser();
        long bob = newUser();
        store(alice, 1);
        List<AlarmResponse> bobs = store(bob, 2);

        // Bob's newest alarm id named by Alice moves only Alice's mark
        assertThat(markRead(alice, "{\"upToId\":" + bobs.getLast().id() + "}").get("count").asLong()).isZero();
        assertThat(unreadCount(bob)).isEqualTo(2);
        assertThat(readFlags(bob)).containsOnly(false);
        // and a later alarm of Alice's (an id above the one she named) is still unread
        store(alice, 1);
        assertThat(unreadCount(alice)).isEqualTo(1);
    }

    @Test
    void badInputIsAnInvalidRequestInTheEnvelopeAndChangesNothing() throws Exception {
        long owner = newUser();
        store(owner, 2);
        SoftAssertions softly = new SoftAssertions();
        for (String body : List.of("{\"upToId\":0}", "{\"upToId\":-5}", "{\"upToId\":\"abc\"}", "{\"upToId\":[1]}",
                "{\"upToId\":99999999999999999999999}", "{\"upToId\":", "[1,2]", "\"all\"", "nonsense")) {
            Gateway.Reply response = api().post("/api/v1/users/alarm/read", token(owner), body);
            softly.assertThat(response.status()).as(body).isEqualTo(400);
            softly.assertThat(JSON.readTree(response.body()).get("resultCode").asString()).as(body)
                    .isEqualTo("INVALID_REQUEST");
        }
        Gateway.Reply zero = api().post("/api/v1/users/alarm/read", token(owner), "{\"upToId\":0}");
        softly.assertThat(JSON.readTree(zero.body()).get("result").get(0).get("field").asString()).isEqualTo("upToId");

        Gateway.Reply text = api().post("/api/v1/users/alarm/read", token(owner), "upToId=1", "Content-Type", "text/plain");
        softly.assertThat(text.status()).isEqualTo(415);
        softly.assertThat(JSON.readTree(text.body()).get("resultCode").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

        Gateway.Reply anonymous = api().post("/api/v1/users/alarm/read", null, "{}");
        softly.assertThat(anonymous.status()).isEqualTo(401);
        softly.assertThat(JSON.readTree(anonymous.body()).get("resultCode").asString()).isEqualTo("INVALID_TOKEN");
        softly.assertThat(api().get("/api/v1/users/alarm/unread-count", null).status()).isEqualTo(401);
        // a query token is for the stream only
        softly.assertThat(api().get("/api/v1/users/alarm/unread-count?token=" + token(owner), null).status()).isEqualTo(401);

        Gateway.Reply wrongMethod = api().get("/api/v1/users/alarm/read", token(owner));
        softly.assertThat(wrongMethod.status()).isEqualTo(405);
        softly.assertThat(JSON.readTree(wrongMethod.body()).get("resultCode").asString()).isEqualTo("METHOD_NOT_ALLOWED");
        softly.assertAll();

        assertThat(unreadCount(owner)).isEqualTo(2);
    }

    @Test
    void theCountStaysExactWhileReadsAndNewAlarmsOfOneUserRace() throws Exception {
        long owner = newUser();
        List<AlarmResponse> first = store(owner, 20);
        List<Callable<Object>> work = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String body = i % 2 == 0 ? "{\"upToId\":" + first.get(i * 2).id() + "}" : ""; // some up to an id, some all
            work.add(() -> markRead(owner, body));
            work.add(() -> store(owner, 3)); // a batch of the consumer meanwhile
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (Future<Object> done : threads.invokeAll(work)) {
                done.get();
            }
        }
        JsonNode page = alarms(owner, "?size=100");
        assertThat(page.get("totalElements").asLong()).isEqualTo(20 + 8 * 3);
        long unreadListed = StreamSupport.stream(page.get("content").spliterator(), false)
                .filter(alarm -> !alarm.get("read").asBoolean()).count();
        assertThat(unreadCount(owner)).isEqualTo(unreadListed);
        // the read alarms are the oldest ones (the mark is an id): newest first, no unread one after a read one
        List<Boolean> flags = readFlags(owner);
        int firstRead = flags.contains(true) ? flags.indexOf(true) : flags.size();
        assertThat(flags.subList(firstRead, flags.size())).doesNotContain(false);

        assertThat(markRead(owner, "").get("count").asLong()).isZero();
        assertThat(readFlags(owner)).containsOnly(true);
    }

    @Test
    void theStreamSendsTheCountOnConnectAfterEachNewAlarmAndAfterEachRead() throws Exception {
        long owner = newUser();
        store(owner, 2);
        try (SseStream tab1 = subscribe(owner); SseStream tab2 = subscribe(owner)) {
            assertConnected(tab1);
            assertConnected(tab2);
            assertThat(tab1.nextUnread(Duration.ofSeconds(2))).isEqualTo("{\"count\":2}");
            assertThat(tab2.nextUnread(Duration.ofSeconds(2))).isEqualTo("{\"count\":2}");

            // a batch of two alarms: two alarm events, then one count
            handler.handle(List.of(PostEvents.received(PostEvents.likeEvent(PostEvents.newEventId(), 1201, owner, newUser())),
                    PostEvents.received(PostEvents.likeEvent(PostEvents.newEventId(), 1202, owner, newUser()))));
            SseEvent alarm = tab1.next(Duration.ofSeconds(2));
            assertThat(JSON.readTree(alarm.data()).get("read").asBoolean()).isFalse();
            assertThat(tab1.next(Duration.ofSeconds(2)).name()).isEqualTo("alarm");
            assertThat(tab1.nextUnread(Duration.ofSeconds(2))).isEqualTo("{\"count\":4}");
            assertThat(tab2.nextUnread(Duration.ofSeconds(2))).isEqualTo("{\"count\":4}");

            markRead(owner, "{\"upToId\":" + alarm.id() + "}");
            assertThat(tab1.nextUnread(Duration.ofSeconds(2))).isEqualTo("{\"count\":1}");
            assertThat(tab2.nextUnread(Duration.ofSeconds(2))).isEqualTo("{\"count\":1}");
            markRead(owner, "{\"upToId\":" + alarm.id() + "}"); // no change: no event

            // a count older than the last one sent (a late message of another instance) is not sent
            alarmStream.deliver(owner, List.of(), new Unread(4, 1));
            assertThat(tab1.unreadDuring(Duration.ofMillis(300))).isEmpty();
            assertThat(tab1.during(Duration.ofMillis(1))).as("no alarm event for a read").isEmpty();
        }
        // a reconnect gets the count as it is now
        try (SseStream again = subscribe(owner)) {
            assertConnected(again);
            assertThat(again.nextUnread(Duration.ofSeconds(2))).isEqualTo("{\"count\":1}");
        }
    }

    /** Stores {@code count} like alarms for the owner through the consumer's handler, in one batch. */
    private List<AlarmResponse> store(long owner, int count) {
        return handler.handle(IntStream.range(0, count)
                .mapToObj(i -> PostEvents.received(PostEvents.likeEvent(PostEvents.newEventId(), 1300 + i, owner, newUser())))
                .toList());
    }

    private long unreadCount(long userId) throws Exception {
        Gateway.Reply response = api().get("/api/v1/users/alarm/unread-count", token(userId));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("resultCode").asString()).isEqualTo("SUCCESS");
        assertThat(body.get("result").propertyNames()).containsExactly("count");
        return body.get("result").get("count").asLong();
    }

    /** Marks read with this body (null: none); answers the result. */
    private JsonNode markRead(long userId, String body) throws Exception {
        Gateway.Reply response = api().post("/api/v1/users/alarm/read", token(userId), body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode envelope = JSON.readTree(response.body());
        assertThat(envelope.get("resultCode").asString()).isEqualTo("SUCCESS");
        return envelope.get("result");
    }

    private List<Boolean> readFlags(long userId) throws Exception {
        return StreamSupport.stream(alarms(userId, "?size=100").get("content").spliterator(), false)
                .map(alarm -> alarm.get("read").asBoolean()).toList();
    }
}

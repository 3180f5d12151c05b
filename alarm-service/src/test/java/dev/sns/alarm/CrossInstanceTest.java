package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.alarm.consumer.PostEventHandler;
import dev.sns.alarm.stream.AlarmStream;
import dev.sns.infra.TestInfra;
import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service in one JVM: the test's (A) and a second one (B) on another port, sharing the
 * database, Redis and Kafka. B does not consume Kafka here, so an alarm certainly is stored by A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossInstanceTest extends AlarmTestSupport {

    private static ConfigurableApplicationContext instanceB;
    private static int portB;
    private static int streamPortB;

    @Autowired
    PostEventHandler handlerA;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startInstanceB() {
        List<String> args = new ArrayList<>();
        TestInfra.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        args.add("--spring.kafka.listener.auto-startup=false");
        args.add("--sns.alarm.stream.heartbeat=300ms");
        instanceB = new SpringApplicationBuilder(AlarmApplication.class).run(args.toArray(String[]::new));
        portB = ((WebServerApplicationContext) instanceB).getWebServer().getPort();
        streamPortB = streamPort(instanceB);
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    @Test
    @Order(1)
    void anAlarmStoredOnOneInstanceReachesTheReceiversStreamOnAnother() throws Exception {
        long owner = newUser();
        long liker = newUser();
        try (SseStream onB = subscribe(streamPortB, owner, Map.of()); SseStream onA = subscribe(owner)) {
            assertConnected(onB);
            assertConnected(onA);

            List<AlarmResponse> handled = handlerA.handle(List.of(PostEvents.received(
                    PostEvents.likeEvent(PostEvents.newEventId(), 1101L, owner, liker))));
            assertThat(handled).hasSize(1);
            AlarmResponse alarm = handled.getFirst();
            JsonNode stored = alarms(owner, "").get("content").get(0);
            assertThat(stored.get("id").asLong()).isEqualTo(alarm.id());

            SseEvent pushedByB = onB.next(Duration.ofSeconds(2));
            assertThat(pushedByB.id()).isEqualTo(stored.get("id").asString());
            assertThat(JSON.readTree(pushedByB.data())).isEqualTo(stored);
            assertThat(JSON.readTree(onA.next(Duration.ofSeconds(2)).data())).isEqualTo(stored);
        }
    }

    @Test
    @Order(1)
    void aReadOnOneInstanceSendsTheNewCountToTheReceiversStreamsOnEvery() throws Exception {
        long owner = newUser();
        List<AlarmResponse> stored = handlerA.handle(List.of(
                PostEvents.received(PostEvents.likeEvent(PostEvents.newEventId(), 1111L, owner, newUser())),
                PostEvents.received(PostEvents.likeEvent(PostEvents.newEventId(), 1112L, owner, newUser()))));
        try (SseStream onA = subscribe(owner)) {
            assertConnected(onA);
            assertThat(onA.nextUnread(Duration.ofSeconds(2))).isEqualTo("{\"count\":2}");

            Gateway.Reply read = Client.local(portB).post("/api/v1/users/alarm/read", token(owner),
                    "{\"upToId\":" + stored.getFirst().id() + "}");
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).get("result").get("count").asLong()).isEqualTo(1);
            assertThat(onA.nextUnread(Duration.ofSeconds(2))).isEqualTo("{\"count\":1}");
        }
    }

    /**
     * Routed fan-out: an instance receives only the alarms of users with a stream there. The receiver's stream is on
     * A; B receives nothing of it (its counter stays), until it holds a stream of that user too.
     */
    @Test
    @Order(1)
    void onlyTheInstancesWithAStreamOfTheReceiverReceiveItsAlarms() throws Exception {
        long owner = newUser();
        Counter receivedByA = meters.get("sns.alarm.fanout.received").counter();
        Counter receivedByB = instanceB.getBean(MeterRegistry.class).get("sns.alarm.fanout.received").counter();
        try (SseStream onA = subscribe(owner)) {
            assertConnected(onA);
            double a = receivedByA.count();
            double b = receivedByB.count();

            handlerA.handle(List.of(PostEvents.received(PostEvents.likeEvent(PostEvents.newEventId(), 1121L, owner, newUser()))));
            assertThat(JSON.readTree(onA.next(Duration.ofSeconds(2)).data()).get("alarmArgs").get("targetId").asLong())
                    .isEqualTo(1121);
            assertThat(receivedByA.count()).isEqualTo(a + 1);
            Thread.sleep(300); // what B would have received by now
            assertThat(receivedByB.count()).as("B holds no stream of the receiver").isEqualTo(b);

            try (SseStream onB = subscribe(streamPortB, owner, Map.of())) {
                assertConnected(onB);
                handlerA.handle(List.of(PostEvents.received(PostEvents.likeEvent(PostEvents.newEventId(), 1122L, owner, newUser()))));
                assertThat(JSON.readTree(onB.next(Duration.ofSeconds(2)).data()).get("alarmArgs").get("targetId").asLong())
                        .isEqualTo(1122);
                assertThat(receivedByB.count()).isEqualTo(b + 1);
            }
        }
    }

    @Test
    @Order(2)
    void anIdleStreamGetsHeartbeatCommentsAndAGoneClientIsDropped() throws Exception {
        long user = newUser();
        AlarmStream streamsOfB = instanceB.getBean(AlarmStream.class);
        try (SseStream onB = subscribe(streamPortB, user, Map.of())) {
            assertConnected(onB);
            SseEvent heartbeat = onB.nextAny(Duration.ofSeconds(2));
            assertThat(heartbeat.isComment()).isTrue();
            assertThat(onB.nextAny(Duration.ofSeconds(2)).isComment()).isTrue();
            assertThat(streamsOfB.connections(user)).isEqualTo(1);
        }
        // the client hung up: a heartbeat write fails and the stream leaves the registry
        await().atMost(Duration.ofSeconds(5)).until(() -> streamsOfB.connections(user) == 0);
    }

    @Test
    @Order(3)
    void stoppingAnInstanceEndsItsStreamsAtOnce() throws Exception {
        try (SseStream first = subscribe(streamPortB, newUser(), Map.of()); SseStream second = subscribe(streamPortB, newUser(), Map.of())) {
            assertConnected(first);
            assertConnected(second);

            long begin = System.nanoTime();
            instanceB.close();
            Duration stop = Duration.ofNanos(System.nanoTime() - begin);

            assertThat(first.endsWithin(Duration.ofSeconds(2))).isTrue();
            assertThat(second.endsWithin(Duration.ofSeconds(2))).isTrue();
            // graceful shutdown waits up to 20 s for open requests; streams must not be among them
            assertThat(stop).isLessThan(Duration.ofSeconds(5));
            System.out.printf("Instance with 2 open streams stopped in %d ms%n", stop.toMillis());
        } finally {
            instanceB = null;
        }
    }
}

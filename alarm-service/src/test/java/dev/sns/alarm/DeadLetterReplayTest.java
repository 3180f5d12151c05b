package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import dev.sns.alarm.consumer.PostEventHandler;
import dev.sns.testsupport.Gateway;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * An event that failed for a reason since fixed comes back from the dead-letter topic with
 * {@code POST /actuator/dltreplay}: its alarm is stored once, and a second replay stores nothing new. Topics and
 * groups of its own, so that no other test's instance consumes its events.
 */
@TestPropertySource(properties = {
        "sns.alarm.events.topic=" + DeadLetterReplayTest.TOPIC,
        "sns.alarm.events.dead-letter-topic=" + DeadLetterReplayTest.TOPIC + ".DLT",
        "sns.alarm.events.replay-group=dlt-replay-test",
        "sns.alarm.events.retry-initial=100ms",
        "spring.kafka.consumer.group-id=alarm-service-dlt-replay-test",
        "sns.alarm.replay.user=operator",
        "sns.alarm.replay.password=" + DeadLetterReplayTest.PASSWORD})
class DeadLetterReplayTest extends AlarmTestSupport {

    static final String TOPIC = "sns.post-events.replay-test";
    static final String PASSWORD = "replay-test-password";

    @MockitoSpyBean
    PostEventHandler handler;

    @Test
    void aDeadLetterReplayedAfterTheFixIsStoredOnceAndASecondReplayStoresNothing() throws Exception {
        long owner = newUser();
        String eventId = PostEvents.newEventId();
        // the bug: every event fails for a reason no retry fixes, so it is dead-lettered after its attempts
        doThrow(new IllegalStateException("a bug in the handler")).when(handler).handle(anyList());
        send(owner, PostEvents.like(eventId, 9001, owner, newUser()));
        awaitDeadLetter(eventId);
        assertThat(alarms(owner, "").get("totalElements").asLong()).isZero();

        reset(handler); // the fix is deployed
        Gateway.Reply first = replay("operator", PASSWORD);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("records").asLong()).isGreaterThanOrEqualTo(1);

        JsonNode content = awaitAlarms(owner, 1).get("content");
        assertThat(content.size()).isEqualTo(1);
        assertThat(content.get(0).get("alarmArgs").get("targetId").asLong()).isEqualTo(9001);

        Gateway.Reply second = replay("operator", PASSWORD);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(JSON.readTree(second.body()).get("records").asLong()).isZero();
        // a later event of the same owner (same partition) is stored: everything before it has been consumed
        send(owner, PostEvents.comment(PostEvents.newEventId(), 9002, owner, newUser()));
        awaitAlarms(owner, 2);
        assertThat(alarms(owner, "").get("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    void onlyTheOperatorsCredentialsMayReplay() throws Exception {
        assertThat(replay("operator", "wrong").status()).isEqualTo(401);
        Gateway.Reply userToken = api().post("/actuator/dltreplay", token(newUser()), null);
        assertThat(userToken.status()).isEqualTo(401);
    }

    private Gateway.Reply replay(String user, String password) throws Exception {
        return api().post("/actuator/dltreplay", null, null, "Authorization", Gateway.basic(user, password));
    }

    private static void send(long owner, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PostEvents.broker()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, String.valueOf(owner), value)).get();
        }
    }

    private static void awaitDeadLetter(String eventId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PostEvents.broker(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-dlt-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(java.util.List.of(TOPIC + ".DLT"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value().contains(eventId)) {
                        return true;
                    }
                }
                return false;
            });
        }
    }
}

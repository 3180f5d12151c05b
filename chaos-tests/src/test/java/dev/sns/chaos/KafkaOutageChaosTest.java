package dev.sns.chaos;

import static dev.sns.chaos.ChaosSuite.awaitCondition;
import static dev.sns.chaos.ChaosSuite.pause;
import static dev.sns.chaos.ChaosSuite.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Kafka broker stops for 30 s while people like and comment. Likes and comments do not wait for Kafka (the
 * outbox keeps their events), so every one of them succeeds; after the broker is back, every event becomes exactly
 * one alarm of the post's owner.
 */
@Order(20)
class KafkaOutageChaosTest {

    /** Whatever this scenario stopped runs again afterwards, also when it failed half-way. */
    @AfterEach
    void restoreSuite() {
        ChaosSuite.restoreSuite();
    }

    static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void likesSucceedWhileKafkaIsDownAndEveryAlarmArrivesOnceAfterwards() {
        Users.User owner = Users.newUser("kafka_owner");
        List<Users.User> fans = Users.newUsers("kafka_fan", 8);
        AlarmLedger ledger = new AlarmLedger();
        AtomicInteger likes = new AtomicInteger();
        AtomicInteger likesDuringOutage = new AtomicInteger();
        AtomicBoolean kafkaDown = new AtomicBoolean();
        Traffic traffic = new Traffic();

        // each turn: the owner writes a post, every fan likes it and one comments: new (fan, post) pairs all the time
        for (int client = 0; client < 2; client++) {
            traffic.loop(() -> {
                Gateway.Reply created = traffic.record("create post", Gateway.post("/api/v1/posts", owner.token(),
                        "{\"title\":\"kafka outage\",\"body\":\"b\"}"));
                if (!created.ok()) {
                    return;
                }
                long postId = created.result().get("id").asLong();
                for (Users.User fan : fans) {
                    if (traffic.record("like", Gateway.post("/api/v1/posts/" + postId + "/likes", fan.token(), null)).ok()) {
                        ledger.liked(postId, fan.id());
                        likes.incrementAndGet();
                        if (kafkaDown.get()) {
                            likesDuringOutage.incrementAndGet();
                        }
                    }
                }
                Users.User commenter = fans.get(ThreadLocalRandom.current().nextInt(fans.size()));
                if (traffic.record("comment", Gateway.post("/api/v1/posts/" + postId + "/comments", commenter.token(),
                        "{\"comment\":\"while kafka is down\"}")).ok()) {
                    ledger.commented(postId, commenter.id());
                }
                traffic.record("like count", Gateway.get("/api/v1/posts/" + postId + "/likes", owner.token()));
                pause(Duration.ofMillis(200));
            });
        }

        awaitCondition("likes before the outage", Duration.ofSeconds(60), () -> likes.get() >= 20);
        ChaosSuite.sns(Duration.ofMinutes(2), "stop", "infra-kafka");
        kafkaDown.set(true);
        long down = System.nanoTime();
        pause(OUTAGE);
        ChaosSuite.sns(Duration.ofMinutes(3), "start", "infra-kafka");
        kafkaDown.set(false);
        String outage = seconds(down);
        int likesBeforeRecovery = likes.get();
        awaitCondition("likes after the outage", Duration.ofSeconds(60), () -> likes.get() >= likesBeforeRecovery + 16);
        traffic.stop();

        long recovered = System.nanoTime();
        AtomicReference<List<JsonNode>> alarms = new AtomicReference<>(List.of());
        try {
            awaitCondition("every alarm delivered", Duration.ofMinutes(3), () -> {
                alarms.set(ChaosSuite.alarms(owner));
                return alarms.get().size() >= ledger.size();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported by the assertions below, with what is missing
        }
        String delivery = seconds(recovered);
        pause(Duration.ofSeconds(3)); // a late duplicate would show up now
        AlarmLedger.Difference difference = ledger.compare(ChaosSuite.alarms(owner));

        System.out.printf("CHAOS kafka-outage: %s; Kafka down %s; %d likes (%d while down) + comments = %d alarms expected, "
                        + "%d delivered after recovery within %s, %d lost, %d duplicated%n",
                traffic.summary(), outage, likes.get(), likesDuringOutage.get(), ledger.size(), alarms.get().size(), delivery,
                difference.lostCount(), difference.extraCount());
        assertThat(traffic.crashes()).as("client crashes").isEmpty();
        assertThat(likesDuringOutage.get()).as("likes acknowledged while Kafka was down").isGreaterThan(10);
        assertThat(traffic.failures()).as("failed requests").isEmpty();
        assertThat(difference.lost()).as("alarms never delivered").isEmpty();
        assertThat(difference.extra()).as("alarms delivered twice").isEmpty();
    }
}

package dev.sns.chaos;

import static dev.sns.chaos.ChaosSuite.awaitCondition;
import static dev.sns.chaos.ChaosSuite.count;
import static dev.sns.chaos.ChaosSuite.pause;
import static dev.sns.chaos.ChaosSuite.placeholders;
import static dev.sns.chaos.ChaosSuite.seconds;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code ./sns restart} of user-service, post-service, alarm-service and timeline-service (two instances each; the
 * four services at the same time, each one instance after the other) while clients sign in, post, like, comment and
 * read (the home timeline too). Not one
 * request fails, and every like and comment is stored once and becomes one alarm.
 */
@Order(60)
class RollingRestartChaosTest {

    /** Whatever this scenario stopped runs again afterwards, also when it failed half-way. */
    @AfterEach
    void restoreSuite() {
        ChaosSuite.restoreSuite();
    }

    static final List<String> SERVICES = List.of("user-service", "post-service", "alarm-service", "timeline-service");

    @Test
    void restartingEveryServiceOneInstanceAtATimeLosesNoRequest() throws Exception {
        Users.User owner = Users.newUser("rolling_owner");
        List<Users.User> fans = Users.newUsers("rolling_fan", 2);
        AlarmLedger ledger = new AlarmLedger();
        Set<Long> posts = ConcurrentHashMap.newKeySet();
        AtomicInteger likes = new AtomicInteger();
        AtomicInteger comments = new AtomicInteger();
        Traffic traffic = new Traffic();

        try (AlarmStreamClient stream = new AlarmStreamClient(owner.token())) {
            // a stream opened without Last-Event-ID gets only what comes after it: open it before the first like
            awaitCondition("the owner's stream is open", Duration.ofSeconds(30), () -> stream.connects() > 0);
            for (int client = 0; client < 2; client++) {
                traffic.loop(() -> { // writes
                    Gateway.Reply created = traffic.record("create post", Gateway.post("/api/v1/posts", owner.token(),
                            "{\"title\":\"rolling restart\",\"body\":\"b\"}"));
                    if (!created.ok()) {
                        pause(Duration.ofMillis(100)); // like a client that was refused: not again at once
                        return;
                    }
                    long postId = created.result().get("id").asLong();
                    posts.add(postId);
                    for (Users.User fan : fans) {
                        if (traffic.record("like", Gateway.post("/api/v1/posts/" + postId + "/likes", fan.token(), null)).ok()) {
                            ledger.liked(postId, fan.id());
                            likes.incrementAndGet();
                        }
                    }
                    if (traffic.record("comment", Gateway.post("/api/v1/posts/" + postId + "/comments", fans.getFirst().token(),
                            "{\"comment\":\"during a rolling restart\"}")).ok()) {
                        ledger.commented(postId, fans.getFirst().id());
                        comments.incrementAndGet();
                    }
                    traffic.record("post", Gateway.get("/api/v1/posts/" + postId, fans.getLast().token()));
                    pause(Duration.ofMillis(100));
                });
            }
            traffic.loop(() -> { // reads
                traffic.record("feed", Gateway.get("/api/v1/posts?size=10", fans.getFirst().token()));
                traffic.record("my posts", Gateway.get("/api/v1/posts/my?size=5", owner.token()));
                traffic.record("me", Gateway.get("/api/v1/users/me", fans.getLast().token()));
                traffic.record("alarms", Gateway.get("/api/v1/users/alarm?size=5", owner.token()));
                traffic.record("home", Gateway.get("/api/v1/timeline?size=10", owner.token()));
                pause(Duration.ofMillis(100));
            });
            traffic.loop(() -> { // sign-ins, below the rate limit
                traffic.record("login", Gateway.post("/api/v1/users/login", null, Users.credentials(fans.getLast().name())));
                pause(Duration.ofMillis(700));
            });

            awaitCondition("traffic before the restarts", Duration.ofSeconds(60), () -> traffic.requests() >= 50);
            long started = System.nanoTime();
            List<Process> restarts = SERVICES.stream().map(service -> ChaosSuite.snsAsync("restart", service)).toList();
            for (int i = 0; i < restarts.size(); i++) {
                ChaosSuite.await(restarts.get(i), Duration.ofMinutes(14), "restart " + SERVICES.get(i));
            }
            String took = seconds(started);
            int before = traffic.requests();
            awaitCondition("traffic after the restarts", Duration.ofSeconds(60), () -> traffic.requests() >= before + 50);
            traffic.stop();

            awaitCondition("every alarm listed", Duration.ofMinutes(2), () -> ChaosSuite.alarms(owner).size() >= ledger.size());
            try {
                awaitCondition("every alarm on the stream", Duration.ofMinutes(1), () -> stream.alarms().size() >= ledger.size());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported below
            }
            pause(Duration.ofSeconds(2)); // a late duplicate would show up now
            AlarmLedger.Difference inList = ledger.compare(ChaosSuite.alarms(owner));
            AlarmLedger.Difference onStream = ledger.compare(stream.alarms().values());
            String in = placeholders(posts.size());
            Object[] ids = posts.toArray();
            long likeRows;
            long commentRows;
            try (Connection db = ChaosSuite.postDb()) {
                likeRows = count(db, "SELECT COUNT(*) FROM likes WHERE post_id IN (" + in + ")", ids);
                commentRows = count(db, "SELECT COUNT(*) FROM comments WHERE post_id IN (" + in + ")", ids);
            }

            System.out.printf("CHAOS rolling-restart: %s; %s restarted one instance at a time (in parallel) in %s; "
                            + "%d likes, %d comments acknowledged = %d like rows, %d comment rows; %d alarms listed (%d lost, "
                            + "%d duplicated), stream: %d reconnects, %d lost, %d duplicated%n",
                    traffic.summary(), SERVICES, took, likes.get(), comments.get(), likeRows, commentRows,
                    ledger.size() - inList.lostCount() + inList.extraCount(), inList.lostCount(), inList.extraCount(),
                    stream.connects() - 1, onStream.lostCount(), stream.duplicates() + onStream.extraCount());
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(traffic.crashes()).as("client crashes").isEmpty();
                softly.assertThat(traffic.requests()).isGreaterThan(300);
                softly.assertThat(traffic.failures()).as("failed requests").isEmpty();
                softly.assertThat(likeRows).as("like rows = acknowledged likes").isEqualTo(likes.get());
                softly.assertThat(commentRows).as("comment rows = acknowledged comments").isEqualTo(comments.get());
                softly.assertThat(inList.none()).as("alarm list = acknowledged likes and comments: %s", inList).isTrue();
                softly.assertThat(onStream.none()).as("alarm stream = acknowledged likes and comments: %s", onStream).isTrue();
                softly.assertThat(stream.duplicates()).as("alarms the stream received twice").isZero();
            });
        }
    }
}

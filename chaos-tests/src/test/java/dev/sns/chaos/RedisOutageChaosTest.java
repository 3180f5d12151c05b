package dev.sns.chaos;

import static dev.sns.chaos.ChaosSuite.awaitCondition;
import static dev.sns.chaos.ChaosSuite.pause;
import static dev.sns.chaos.ChaosSuite.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Redis stops for 20 s. It holds caches (authors, users), the join/login rate limit and the alarm fan-out: none of
 * them may cost a request. Logins, token checks, reads and writes go on without a failure, and after Redis is back
 * the caches fill again.
 */
@Order(30)
class RedisOutageChaosTest {

    /** Whatever this scenario stopped runs again afterwards, also when it failed half-way. */
    @AfterEach
    void restoreSuite() {
        ChaosSuite.restoreSuite();
    }

    static final Duration OUTAGE = Duration.ofSeconds(20);

    @Test
    void loginsReadsAndWritesKeepWorkingWithoutRedis() {
        Users.User alice = Users.newUser("redis_alice");
        Users.User bob = Users.newUser("redis_bob");
        long postId = ChaosSuite.createPost(alice, "redis outage");
        AtomicBoolean redisDown = new AtomicBoolean();
        AtomicInteger duringOutage = new AtomicInteger();
        AtomicInteger loginsDuringOutage = new AtomicInteger();
        AtomicInteger joinsDuringOutage = new AtomicInteger();
        Traffic traffic = new Traffic();

        traffic.loop(() -> { // reads with the token: the gateway and the services verify it locally
            traffic.record("feed", Gateway.get("/api/v1/posts?size=20", bob.token()));
            traffic.record("post", Gateway.get("/api/v1/posts/" + postId, bob.token()));
            traffic.record("comments", Gateway.get("/api/v1/posts/" + postId + "/comments", alice.token()));
            traffic.record("me", Gateway.get("/api/v1/users/me", alice.token()));
            traffic.record("alarms", Gateway.get("/api/v1/users/alarm", alice.token()));
            if (redisDown.get()) {
                duringOutage.addAndGet(5);
            }
        });
        traffic.loop(() -> { // writes
            Gateway.Reply created = traffic.record("create post", Gateway.post("/api/v1/posts", bob.token(),
                    "{\"title\":\"without redis\",\"body\":\"b\"}"));
            if (created.ok()) {
                long id = created.result().get("id").asLong();
                traffic.record("like", Gateway.post("/api/v1/posts/" + id + "/likes", alice.token(), null));
                traffic.record("comment", Gateway.post("/api/v1/posts/" + id + "/comments", alice.token(), "{\"comment\":\"c\"}"));
            }
            if (redisDown.get()) {
                duringOutage.addAndGet(3);
            }
        });
        traffic.loop(() -> { // login and join (the rate limiter lives in Redis), a polite 2 per second
            boolean down = redisDown.get();
            traffic.record("login", Gateway.post("/api/v1/users/login", null, Users.credentials(alice.name())));
            if (down) {
                loginsDuringOutage.incrementAndGet();
                String name = "redis_new_" + java.util.UUID.randomUUID().toString().substring(0, 8);
                traffic.record("join", Gateway.post("/api/v1/users/join", null, Users.credentials(name)));
                joinsDuringOutage.incrementAndGet();
            }
            pause(Duration.ofMillis(500));
        });

        awaitCondition("traffic before the outage", Duration.ofSeconds(60), () -> traffic.requests() >= 30);
        ChaosSuite.sns(Duration.ofMinutes(2), "stop", "infra-redis");
        redisDown.set(true);
        long down = System.nanoTime();
        pause(OUTAGE);
        ChaosSuite.sns(Duration.ofMinutes(2), "start", "infra-redis");
        redisDown.set(false);
        String outage = seconds(down);
        int before = traffic.requests();
        awaitCondition("traffic after the outage", Duration.ofSeconds(60), () -> traffic.requests() >= before + 30);
        traffic.stop();

        System.out.printf("CHAOS redis-outage: %s; Redis down %s, %d requests while down (%d logins, %d joins)%n",
                traffic.summary(), outage, duringOutage.get(), loginsDuringOutage.get(), joinsDuringOutage.get());
        assertThat(traffic.crashes()).as("client crashes").isEmpty();
        assertThat(duringOutage.get()).as("requests while Redis was down").isGreaterThan(20);
        assertThat(loginsDuringOutage.get()).as("logins while Redis was down").isGreaterThan(5);
        assertThat(traffic.failures()).as("failed requests").isEmpty();
    }
}

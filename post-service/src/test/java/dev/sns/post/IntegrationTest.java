package dev.sns.post;

import dev.sns.infra.TestInfra;
import dev.sns.post.support.TestKafka;
import dev.sns.post.support.TestRedis;
import dev.sns.post.support.UserServiceStub;
import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Tokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the service against a real database, Redis and Kafka (started once per JVM), with
 * user-service played by {@link UserServiceStub} (found through the simple discovery client, Eureka being off).
 * Kafka is {@link TestKafka} and Redis is reached through {@link TestRedis}, so that a test can take them down.
 * Every class that adds nothing to these properties shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    /** User ids unique in this JVM run and unlikely to repeat across runs, so shared Redis/DB state never collides. */
    private static final AtomicLong NEXT_USER = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    protected static final UserServiceStub userService = UserServiceStub.shared();

    @LocalServerPort
    protected int port;

    protected Client api;

    @Autowired
    protected Resilience4JCircuitBreakerFactory circuitBreakers;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfra.properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("spring.data.redis.port", TestRedis::port);
        registry.add("sns.authors.cache-retry-after", () -> "1s");
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", userService::uri);
        registry.add("spring.jpa.properties.hibernate.generate_statistics", () -> "true");
    }

    @BeforeEach
    void connect() {
        api = Client.local(port);
        userService.reset();
        userServiceCircuit().reset(); // an outage played by one test must not leave the circuit open for the next
    }

    protected CircuitBreaker userServiceCircuit() {
        return circuitBreakers.getCircuitBreakerRegistry().circuitBreaker("user-service");
    }

    /** A user nobody else in this run uses: id and a token for it. */
    protected static TestUser newUser() {
        long id = NEXT_USER.incrementAndGet();
        return new TestUser(id, UserServiceStub.nameOf(id), Tokens.valid(id, UserServiceStub.nameOf(id)));
    }

    public record TestUser(long id, String name, String token) {
    }

    protected Gateway.Reply createPost(TestUser user, String title, String body) {
        return api.post("/api/v1/posts", user.token(), Client.json(Map.of("title", title, "body", body)));
    }

    protected long createPostId(TestUser user) {
        Gateway.Reply created = createPost(user, "title by " + user.name(), "body");
        if (created.status() != 200) {
            throw new IllegalStateException("create failed: " + created);
        }
        return created.result().path("id").asLong();
    }
}

package dev.sns.timeline;

import dev.sns.infra.TestInfra;
import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Tokens;
import dev.sns.timeline.support.Events;
import dev.sns.timeline.support.OtherServices;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the service against real Redis and Kafka (started once per JVM), with user-service's and
 * post-service's internal endpoints played by {@link OtherServices}. Authors with more than
 * {@value #CELEBRITY_THRESHOLD} followers are merged at read time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    protected static final int CELEBRITY_THRESHOLD = 10_000;
    private static final AtomicLong NEXT_USER = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);
    protected static final OtherServices services = OtherServices.shared();

    @LocalServerPort
    protected int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfra.properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", services::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.post-service[0].uri", services::uri);
        registry.add("sns.timeline.celebrity-threshold", () -> CELEBRITY_THRESHOLD);
    }

    @BeforeEach
    void connect() {
        Events.connect(kafka);
        services.postServiceDown(false);
    }

    protected static long newUser() {
        return NEXT_USER.incrementAndGet();
    }

    protected Gateway.Reply timeline(long userId, String query) {
        return Client.local(port).get("/api/v1/timeline" + query, Tokens.valid(userId, "user" + userId));
    }
}

package dev.sns.timeline;

import dev.sns.infra.TestInfra;
import dev.sns.testsupport.Tokens;
import dev.sns.timeline.support.Events;
import dev.sns.timeline.support.OtherServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that run the service against real Redis and Kafka (started once per JVM), with user-service's and
 * post-service's internal endpoints played by {@link OtherServices}. Authors with more than
 * {@value #CELEBRITY_THRESHOLD} followers are merged at read time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    protected static final int CELEBRITY_THRESHOLD = 10_000;
    private static final AtomicLong NEXT_USER = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
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

    protected record Answer(int status, JsonNode body) {
        JsonNode result() {
            return body.path("result");
        }
    }

    protected Answer timeline(long userId, String query) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/timeline" + query))
                    .header("Authorization", "Bearer " + Tokens.valid(userId, "user" + userId))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

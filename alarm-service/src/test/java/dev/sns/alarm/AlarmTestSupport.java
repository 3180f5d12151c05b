package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.alarm.stream.AlarmFanOut;
import dev.sns.alarm.stream.AlarmStream;
import dev.sns.alarm.stream.StreamServer;
import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import dev.sns.testsupport.Tokens;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers of the alarm tests: users, the REST list, SSE subscriptions. */
abstract class AlarmTestSupport extends IntegrationTest {

    static final JsonMapper JSON = Gateway.JSON;
    private static final AtomicLong USER_IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000));

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    AlarmStream alarmStream;

    @Autowired
    AlarmFanOut fanOut;

    @BeforeEach
    void useTheServicesBroker() {
        PostEvents.useBroker(environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
    }

    /** After a test that dropped fan-out messages on purpose ({@link AlarmFanOut#dropReceived}): delivery again. */
    @AfterEach
    void deliverAgain() {
        fanOut.dropReceived(user -> false);
    }

    /** A user id no other test uses, so each test sees only its own alarms. */
    static long newUser() {
        return USER_IDS.addAndGet(10);
    }

    static String token(long userId) {
        return Tokens.valid(userId, "user" + userId);
    }

    /** The service's REST API (Tomcat's port). */
    Client api() {
        return Client.local(port);
    }

    /** The {@code result} (a Page) of the user's alarm list. */
    JsonNode alarms(long userId, String query) throws Exception {
        Gateway.Reply response = api().get("/api/v1/users/alarm" + query, token(userId));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("resultCode").asString()).isEqualTo("SUCCESS");
        return body.get("result");
    }

    /** Waits until the user has {@code count} alarms; returns the page (newest first). */
    JsonNode awaitAlarms(long userId, int count) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> alarms(userId, ""), page -> page.get("totalElements").asLong() >= count);
    }

    /** The port of the stream server (Reactor Netty, beside Tomcat's {@link #port}). */
    int streamPort() {
        return Integer.parseInt(environment.getRequiredProperty(StreamServer.PORT_PROPERTY));
    }

    static int streamPort(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getRequiredProperty(StreamServer.PORT_PROPERTY));
    }

    URI streamUri(String pathAndQuery) {
        return Client.local(streamPort()).uri(pathAndQuery);
    }

    SseStream subscribe(long userId) throws Exception {
        return subscribe(streamPort(), userId, Map.of());
    }

    static SseStream subscribe(int port, long userId, Map<String, String> headers) throws Exception {
        java.util.HashMap<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + token(userId));
        SseStream stream = SseStream.open(Client.local(port).uri("/api/v1/users/alarm/subscribe"), all);
        assertThat(stream.status()).isEqualTo(200);
        return stream;
    }

    static void assertConnected(SseStream stream) throws InterruptedException {
        SseEvent first = stream.nextAny(Duration.ofSeconds(5));
        assertThat(first.name()).isEqualTo("alarm");
        assertThat(first.data()).isEqualTo("connect completed");
        assertThat(first.id()).isNull();
    }
}

package dev.sns.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.alarm.stream.AlarmFanOut;
import dev.sns.alarm.stream.AlarmStream;
import dev.sns.alarm.stream.StreamServer;
import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseStream;
import dev.sns.testsupport.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();
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

    URI uri(String pathAndQuery) {
        return uri(port, pathAndQuery);
    }

    static URI uri(int port, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** A GET (Tomcat's port); {@code headers} as name, value, name, value... */
    HttpResponse<String> get(String pathAndQuery, String token, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code result} (a Page) of the user's alarm list. */
    JsonNode alarms(long userId, String query) throws Exception {
        HttpResponse<String> response = get("/api/v1/users/alarm" + query, token(userId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
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
        return uri(streamPort(), pathAndQuery);
    }

    SseStream subscribe(long userId) throws Exception {
        return subscribe(streamPort(), userId, Map.of());
    }

    static SseStream subscribe(int port, long userId, Map<String, String> headers) throws Exception {
        java.util.HashMap<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + token(userId));
        SseStream stream = SseStream.open(HTTP, uri(port, "/api/v1/users/alarm/subscribe"), all);
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

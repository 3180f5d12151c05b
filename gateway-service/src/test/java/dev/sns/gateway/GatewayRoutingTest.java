package dev.sns.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.infra.TestInfra;
import dev.sns.testsupport.Tokens;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRoutingTest {

    static final StubService users = new StubService("user-service");
    static final StubService postsA = new StubService("post-service-a");
    static final StubService postsB = new StubService("post-service-b");
    static final StubService alarms = new StubService("alarm-service");
    /** alarm-service's stream server, on the port its instance announces as {@code stream-port}. */
    static final StubService alarmStreams = new StubService("alarm-streams");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestInfra.properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", users::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.post-service[0].uri", postsA::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.post-service[1].uri", postsB::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.alarm-service[0].uri", alarms::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.alarm-service[0].metadata.stream-port",
                () -> String.valueOf(java.net.URI.create(alarmStreams.uri()).getPort()));
        registry.add("SNS_AUTH_RATE_PER_SECOND", () -> "1");
        registry.add("SNS_AUTH_RATE_BURST", () -> "5");
    }

    @AfterAll
    static void stopBackends() {
        users.close();
        postsA.close();
        postsB.close();
        alarms.close();
        alarmStreams.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    GatewayClient gateway;
    final String token = Tokens.valid(7, "alice");

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
    }

    @Test
    void routesEachPrefixToItsServiceById() {
        assertThat(gateway.get("/api/v1/users/me", token).body()).contains("\"service\":\"user-service\"", "/api/v1/users/me");
        assertThat(gateway.get("/api/v1/posts", token).body()).contains("post-service");
        assertThat(gateway.get("/api/v1/posts/1/comments", token).body()).contains("post-service");
        assertThat(gateway.get("/api/v1/users/alarm", token).body()).contains("alarm-service");
        // the stream goes to the port in the instance's metadata; a POST to its path stays with the alarms route
        assertThat(gateway.get("/api/v1/users/alarm/subscribe?token=" + token, null).body()).contains("alarm-streams");
        assertThat(gateway.send("POST", "/api/v1/users/alarm/subscribe", token).body())
                .contains("\"service\":\"alarm-service\"");
    }

    @Test
    void spreadsRequestsOverEveryInstanceOfAService() {
        int before = postsA.received().size() + postsB.received().size();
        IntStream.range(0, 10).forEach(i -> assertThat(gateway.get("/api/v1/posts", token).statusCode()).isEqualTo(200));

        assertThat(postsA.received().size() + postsB.received().size() - before).isEqualTo(10);
        assertThat(postsA.received()).isNotEmpty();
        assertThat(postsB.received()).isNotEmpty();
    }

    @Test
    void rejectsBadTokensBeforeRoutingWithTheEnvelope() {
        int before = postsA.received().size() + postsB.received().size();
        for (String bad : new String[] {null, "garbage", Tokens.expired(7, "alice"),
                Tokens.signedWithAnotherKey(7, "alice"), Tokens.unsigned(7, "alice"),
                Tokens.withIssuer("someone-else", 7, "alice")}) {
            HttpResponse<String> response = gateway.get("/api/v1/posts", bad);
            assertThat(response.statusCode()).as("token %s", bad).isEqualTo(401);
            assertThat(response.body()).contains("\"resultCode\":\"INVALID_TOKEN\"", "\"result\":null");
        }
        assertThat(postsA.received().size() + postsB.received().size()).isEqualTo(before);
    }

    @Test
    void acceptsTheTokenAsQueryParameterOnlyOnTheAlarmStream() {
        assertThat(gateway.get("/api/v1/posts?token=" + token, null).statusCode()).isEqualTo(401);
        assertThat(gateway.get("/api/v1/users/alarm/subscribe?token=" + token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void joinAndLoginNeedNoToken() {
        assertThat(gateway.send("POST", "/api/v1/users/join", null).statusCode()).isEqualTo(200);
        assertThat(users.received().getLast().path()).isEqualTo("/api/v1/users/join");
        assertThat(gateway.send("POST", "/api/v1/users/login", Tokens.expired(7, "alice")).statusCode())
                .as("a stale token a client still sends does not block login").isEqualTo(200);
    }

    @Test
    void theActuatorAnswersOnlyOnTheManagementPort() {
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/health", "/actuator/env",
                "/actuator/gateway/routes")) {
            for (String anyToken : new String[] {token, null}) {
                HttpResponse<String> response = gateway.get(path, anyToken);
                assertThat(response.statusCode()).as("%s on the public port", path).isEqualTo(404);
                assertThat(response.body()).contains("\"resultCode\":\"NOT_FOUND\"");
            }
        }
        HttpResponse<String> ready = gateway.get("/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"UP\"");

        HttpResponse<String> scrape = new GatewayClient(managementPort).get("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void refusesBodiesOverOneMegabyteBeforeAnyServiceReadsThem() {
        String justBelow = "{\"body\":\"" + "x".repeat(1024 * 1024 - 12) + "\"}";
        assertThat(gateway.sendBody("POST", "/api/v1/posts", HttpRequest.BodyPublishers.ofString(justBelow), token)
                .statusCode()).isEqualTo(200);

        int before = postsA.received().size() + postsB.received().size();
        String over = "{\"body\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        HttpResponse<String> withLength = gateway.sendBody("POST", "/api/v1/posts",
                HttpRequest.BodyPublishers.ofString(over), token);
        HttpResponse<String> chunked = gateway.sendBody("POST", "/api/v1/posts", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(over.getBytes(StandardCharsets.UTF_8))), token);
        HttpResponse<String> anonymous = gateway.sendBody("POST", "/api/v1/users/join",
                HttpRequest.BodyPublishers.ofString(over), null);
        for (HttpResponse<String> refused : List.of(withLength, chunked, anonymous)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
            assertThat(refused.body()).contains("\"resultCode\":\"PAYLOAD_TOO_LARGE\"");
        }
        assertThat(postsA.received().size() + postsB.received().size() - before)
                .as("requests the post-service instances saw").isZero();

        // a chunked body that fits goes on, with its length
        HttpResponse<String> fits = gateway.sendBody("POST", "/api/v1/posts", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(justBelow.getBytes(StandardCharsets.UTF_8))), token);
        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(java.util.stream.Stream.of(postsA, postsB).map(StubService::received).filter(r -> !r.isEmpty())
                .map(List::getLast).toList())
                .anySatisfy(last -> assertThat(last.headers()).containsEntry("content-length",
                        String.valueOf(justBelow.length())).doesNotContainKey("transfer-encoding"));
    }

    @Test
    void stripsIdentityHeadersAClientTriesToSet() {
        gateway.get("/api/v1/users/me", token, "X-User-Id", "1", "X-User-Name", "admin", "X-User-Role", "ADMIN");

        StubService.Received last = users.received().getLast();
        assertThat(last.headers()).doesNotContainKeys("x-user-id", "x-user-name", "x-user-role");
        assertThat(last.headers().get("authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void answersUnknownPathsAndInternalEndpointsWithTheNotFoundEnvelope() {
        for (String path : new String[] {"/api/v2/posts", "/api/v1/nothing", "/internal/users?ids=1", "/api/internal/users"}) {
            HttpResponse<String> response = gateway.get(path, token);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("\"resultCode\":\"NOT_FOUND\"");
        }
        assertThat(users.received()).noneMatch(r -> r.path().contains("internal"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // drains this client's bucket: the other tests also log in from 127.0.0.1
    void limitsLoginAttemptsPerClientWithTooManyRequests() {
        HttpResponse<String> last = null;
        for (int i = 0; i < 12 && (last == null || last.statusCode() != 429); i++) {
            last = gateway.send("POST", "/api/v1/users/login", null);
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.body()).contains("\"resultCode\":\"TOO_MANY_REQUESTS\"");

        // the bucket refills: a client that waits as told gets through again
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> gateway.send("POST", "/api/v1/users/login", null).statusCode() == 200);
    }

    @Test
    void allowsConfiguredBrowserOriginsOnly() {
        HttpResponse<String> allowed = gateway.send("OPTIONS", "/api/v1/posts", null,
                "Origin", "http://localhost:3000", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type");
        HttpResponse<String> denied = gateway.send("OPTIONS", "/api/v1/posts", null,
                "Origin", "http://evil.example", "Access-Control-Request-Method", "POST");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("\"resultCode\":\"INVALID_PERMISSION\"");
    }

    @Test
    void conditionalReadsPassThroughAndA304StaysA304WithoutBody() {
        HttpResponse<String> full = gateway.get("/api/v1/posts/1", token);
        HttpResponse<String> revalidated = gateway.get("/api/v1/posts/1", token, "If-None-Match", StubService.ETAG);
        HttpResponse<String> preflight = gateway.send("OPTIONS", "/api/v1/posts", null,
                "Origin", "http://localhost:3000", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization,if-none-match");

        for (HttpResponse<String> response : List.of(full, revalidated)) {
            assertThat(response.headers().firstValue("ETag")).hasValue(StubService.ETAG);
            assertThat(response.headers().allValues("Cache-Control")).as("the service's, not Spring Security's no-store")
                    .containsExactly(StubService.CACHE_CONTROL);
            assertThat(String.join(",", response.headers().allValues("Vary"))).as("beside CORS's Origin")
                    .contains("Authorization");
            assertThat(response.headers().firstValue("Pragma")).isEmpty();
        }
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("Content-Type")).as("no envelope added").isEmpty();
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("if-none-match");
    }

    @Test
    void aReadThatTimesOutOnOneInstanceIsRetriedOnAnother() {
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean(true);
        postsA.slowOnce(once, java.time.Duration.ofSeconds(12)); // longer than the route's 10 s response timeout
        postsB.slowOnce(once, java.time.Duration.ofSeconds(12));

        HttpResponse<String> response = gateway.get("/api/v1/posts?retried", token);

        assertThat(once).as("the first attempt met the slow instance").isFalse();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"resultCode\":\"SUCCESS\"");
    }

    /**
     * Clients reuse connections and send the next request as soon as an answer is in, while the gateway may still be
     * finishing the previous exchange. Reactor Netty 1.3.6 buffered such a request and never answered it (about one
     * connection in ten of 16 requests hung); every request on every connection must be answered.
     */
    @Test
    void everyRequestOnAKeepAliveConnectionIsAnswered() throws Exception {
        int unanswered = 0;
        for (int connection = 0; connection < 20; connection++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(3000);
                var in = new java.io.BufferedInputStream(socket.getInputStream());
                for (int request = 0; request < 16 && unanswered == 0; request++) {
                    socket.getOutputStream().write(("GET /readyz?c=" + connection + "-" + request
                            + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    try {
                        readResponse(in);
                    } catch (java.net.SocketTimeoutException e) {
                        unanswered++;
                    }
                }
            }
        }
        assertThat(unanswered).as("requests left without an answer").isZero();
    }

    /** Reads one HTTP/1.1 response with a Content-Length body. */
    private static void readResponse(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("connection closed");
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
    }

    @Test
    void rejectsMalformedPathsWithTheEnvelopeBeforeRouting() {
        int before = postsA.received().size() + postsB.received().size();
        for (String path : new String[] {"/api/v1/posts/%00", "/api/v1/posts/%25", "/api/v1/posts/1;x", "/api/v1/posts//",
                "/api/v1/posts/%2e%2e", "/api/v1/posts/%C0%AF", "/api/v1/posts/%FF"}) {
            HttpResponse<String> response = gateway.get(path, token);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).contains("\"resultCode\":\"INVALID_REQUEST\"");
        }
        assertThat(postsA.received().size() + postsB.received().size()).isEqualTo(before);
        assertThat(gateway.get("/api/v1/posts/%E2%82%AC", token).statusCode()).as("UTF-8 escapes pass").isEqualTo(200);
    }

    @Test
    void neverWritesTheStreamTokenToTheAccessLog(CapturedOutput output) {
        gateway.get("/api/v1/users/alarm/subscribe?token=" + token + "&x=1", null);

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(output.getOut()).contains("/api/v1/users/alarm/subscribe?token=[REDACTED]&x=1 200"));
        assertThat(output.getAll()).doesNotContain(token);
    }

    /**
     * A client's trace continues through the gateway into the service: the service gets the caller's trace id with
     * the gateway's own span as parent, and the access log line carries that trace.
     */
    @Test
    void carriesTheCallersTraceToTheServiceAndIntoTheAccessLog(CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";

        gateway.get("/api/v1/users/alarm?traced=1", token, "traceparent", "00-" + traceId + "-" + callerSpan + "-01");

        String forwarded = alarms.received().getLast().headers().get("traceparent");
        assertThat(forwarded).as("traceparent the service got").matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain(callerSpan);
        String gatewaySpan = forwarded.split("-")[2];
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern(traceId + "\\W+" + gatewaySpan + ".*GET /api/v1/users/alarm\\?traced=1 200"));
    }
}

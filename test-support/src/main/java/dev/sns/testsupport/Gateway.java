package dev.sns.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test toolkit's HTTP client: the running suite as a client sees it, the gateway, plus Eureka for checks of where
 * requests went and plain requests to an instance's own port. Shared by the end-to-end tests and the fault-injection
 * scenarios of chaos-tests; {@link #request} builds the requests of the module tests' clients too.
 */
public final class Gateway {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** Above the ~30 s a GET can take at the gateway: 3 attempts of at most 10 s each (the route response timeout). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(java.util.Map.of(), (name, value) -> true);

    /**
     * An answer; status -1 when no HTTP answer came at all (connection refused, reset, timed out). {@code json} is
     * null when the body is not JSON (empty, e.g. a 304, or HTML); {@code headers} are empty without an answer.
     */
    public record Reply(int status, String body, JsonNode json, HttpHeaders headers) {

        /** The first value of a response header, null when there is none. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String resultCode() {
            return json == null ? null : json.path("resultCode").asString(null);
        }

        public JsonNode result() {
            return json == null ? null : json.get("result");
        }

        /** The API.md envelope, whatever the status. */
        public boolean isEnvelope() {
            return json != null && json.isObject() && json.path("resultCode").isString() && json.has("result")
                    && (ok() == "SUCCESS".equals(resultCode())) && (ok() || json.path("resultMessage").isString());
        }

        /** For failure tallies: status and code, e.g. {@code 503 SERVICE_UNAVAILABLE} or {@code -1 ConnectException}. */
        public String outcome() {
            return status + " " + (json != null ? resultCode() : body.length() > 60 ? body.substring(0, 60) : body);
        }
    }

    public static int gatewayPort() {
        return Integer.getInteger("sns.gateway.port", 8080);
    }

    /** The gateway's actuator (metrics, Prometheus): a port of its own, never the public one. */
    public static int gatewayManagementPort() {
        return Integer.getInteger("sns.gateway.management-port", gatewayPort() + 10);
    }

    public static int discoveryPort() {
        return Integer.getInteger("sns.discovery.port", 8761);
    }

    /**
     * A request as every client of the toolkit builds it: the {@code Content-Type} and the bearer {@code token} when
     * not null, then the other headers ({@code name, value, name, value, ...}; a name may repeat, e.g. two
     * {@code If-None-Match}). A {@code Content-Type} among the headers replaces {@code contentType}, so that a test
     * can send a JSON-looking body as another type.
     */
    public static HttpRequest.Builder request(URI uri, Duration timeout, String method, HttpRequest.BodyPublisher body,
                                              String contentType, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
        boolean typeGiven = false;
        for (int i = 0; i < headers.length; i += 2) {
            typeGiven |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (contentType != null && !typeGiven) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    /** A URI of the gateway's public port. */
    public static URI uri(String path) {
        return URI.create("http://localhost:" + gatewayPort() + path);
    }

    public static Reply call(String method, String path, String token, String jsonBody, String... headers) {
        return call(uri(path), method, token, jsonBody, headers);
    }

    /**
     * {@link #call(String, String, String, String, String...)} to any URI, e.g. a gateway given by its URL or a
     * service's own port ({@link Client}).
     */
    public static Reply call(URI uri, String method, String token, String jsonBody, String... headers) {
        HttpRequest.Builder request = request(uri, REQUEST_TIMEOUT, method,
                jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody),
                jsonBody == null ? null : "application/json", token, headers);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                // stays null: not the envelope
            }
            return new Reply(response.statusCode(), response.body(), json, response.headers());
        } catch (IOException e) {
            return new Reply(-1, e.getClass().getSimpleName(), null, NO_HEADERS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "interrupted", null, NO_HEADERS);
        }
    }

    public static Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    public static Reply post(String path, String token, String jsonBody) {
        return call("POST", path, token, jsonBody);
    }

    /**
     * Waits until the suite is warm end to end: an alarm travels outbox → Kafka → alarm-service and a feed page has
     * its author's name from user-service. A fresh suite's first event pays for topic creation, consumer group
     * assignment and connection set-up; the latency checks are about the running system, not that one-off cost.
     */
    public static void awaitWarm() {
        Users.User author = Users.newUser("warmup");
        Users.User fan = Users.newUser("warmup");
        long postId = post("/api/v1/posts", author.token(), "{\"title\":\"warm-up\",\"body\":\"b\"}").result().get("id").asLong();
        post("/api/v1/posts/" + postId + "/likes", fan.token(), null);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                get("/api/v1/users/alarm", author.token()).result().get("totalElements").asLong() == 1
                        && author.name().equals(get("/api/v1/posts/" + postId, fan.token()).result()
                        .get("user").get("userName").asString()));
    }

    /** HTTP basic credentials of the registry, as ./sns gives them to the suite it starts (and to these tests). */
    public static String registryCredentials() {
        String user = System.getenv().getOrDefault("SNS_DISCOVERY_USER", "sns");
        String password = System.getenv("SNS_DISCOVERY_PASSWORD");
        if (password == null) {
            throw new IllegalStateException("SNS_DISCOVERY_PASSWORD is not set: run the end-to-end tests with ./sns test");
        }
        return basic(user, password);
    }

    /** An {@code Authorization} header value of HTTP basic credentials (the registry's, an actuator operator's). */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Ports of the UP instances of a service, as registered in Eureka. */
    public static List<Integer> instancePorts(String service) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + discoveryPort() + "/eureka/apps/" + service.toUpperCase()))
                .header("Accept", "application/json").header("Authorization", registryCredentials()).build());
        List<Integer> ports = new ArrayList<>();
        for (JsonNode instance : JSON.readTree(response.body()).get("application").get("instance")) {
            if ("UP".equals(instance.get("status").asString())) {
                ports.add(instance.get("port").get("$").asInt());
            }
        }
        return ports;
    }

    public static String getDirect(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build()).body();
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Gateway() {
    }
}

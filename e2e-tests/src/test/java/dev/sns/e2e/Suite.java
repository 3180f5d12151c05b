package dev.sns.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running suite as a client sees it: the gateway, plus Eureka for checks of where requests went. Shared by the
 * end-to-end tests and the fault-injection scenarios of chaos-tests.
 */
public final class Suite {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** Above the ~30 s a GET can take at the gateway: 3 attempts of at most 10 s each (the route response timeout). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

    /** An answer; status -1 when no HTTP answer came at all (connection refused, reset, timed out). */
    public record Reply(int status, String body, JsonNode json) {

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

    public record User(long id, String name, String token) {
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

    static URI gateway(String path) {
        return URI.create("http://localhost:" + gatewayPort() + path);
    }

    public static Reply call(String method, String path, String token, String jsonBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway(path)).timeout(REQUEST_TIMEOUT)
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                // stays null: not the envelope
            }
            return new Reply(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            return new Reply(-1, e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "interrupted", null);
        }
    }

    public static Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    public static Reply post(String path, String token, String jsonBody) {
        return call("POST", path, token, jsonBody);
    }

    public static String credentials(String name) {
        return "{\"name\":\"" + name + "\",\"password\":\"secret-password-1\"}";
    }

    /**
     * Joins and logs in a fresh user (unique name per run). Join and login share a per-address rate limit that other
     * tests (brute force) may have drained: a 429 is waited out like a polite client, for at most a minute.
     */
    public static User newUser(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        Reply joined = withinRateLimit(() -> post("/api/v1/users/join", null, credentials(name)));
        if (joined.status() != 200) {
            throw new IllegalStateException("join " + name + " failed: " + joined.outcome());
        }
        Reply login = withinRateLimit(() -> post("/api/v1/users/login", null, credentials(name)));
        if (login.status() != 200) {
            throw new IllegalStateException("login " + name + " failed: " + login.outcome());
        }
        return new User(joined.result().get("id").asLong(), name, login.result().get("token").asString());
    }

    public static List<User> newUsers(String prefix, int count) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(newUser(prefix));
        }
        return users;
    }

    /**
     * Waits until the suite is warm end to end: an alarm travels outbox → Kafka → alarm-service and a feed page has
     * its author's name from user-service. A fresh suite's first event pays for topic creation, consumer group
     * assignment and connection set-up; the latency checks are about the running system, not that one-off cost.
     */
    static void awaitWarm() {
        User author = newUser("warmup");
        User fan = newUser("warmup");
        long postId = post("/api/v1/posts", author.token(), "{\"title\":\"warm-up\",\"body\":\"b\"}").result().get("id").asLong();
        post("/api/v1/posts/" + postId + "/likes", fan.token(), null);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                get("/api/v1/users/alarm", author.token()).result().get("totalElements").asLong() == 1
                        && author.name().equals(get("/api/v1/posts/" + postId, fan.token()).result()
                        .get("user").get("userName").asString()));
    }

    private static Reply withinRateLimit(java.util.function.Supplier<Reply> call) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Reply reply = call.get();
        while (reply.status() == 429 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Duration.ofMillis(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            reply = call.get();
        }
        return reply;
    }

    /** HTTP basic credentials of the registry, as ./sns gives them to the suite it starts (and to these tests). */
    public static String registryCredentials() {
        String user = System.getenv().getOrDefault("SNS_DISCOVERY_USER", "sns");
        String password = System.getenv("SNS_DISCOVERY_PASSWORD");
        if (password == null) {
            throw new IllegalStateException("SNS_DISCOVERY_PASSWORD is not set: run the end-to-end tests with ./sns test");
        }
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

    /** The value of a metric summed over every instance of the service (all its series). */
    public static double metricSum(String service, String metric) {
        return metricSum(service, metric, labels -> true);
    }

    /** The same over the series whose labels (e.g. {@code uri="/api/v1/posts",status="200"}) pass the filter. */
    public static double metricSum(String service, String metric, Predicate<String> labels) {
        double total = 0;
        for (int port : instancePorts(service)) {
            total += sumOf(getDirect(port, "/actuator/prometheus"), metric, labels);
        }
        return total;
    }

    /** {@code first} minus {@code second}, both summed over all instances, each instance's pair from one scrape. */
    public static double metricDifference(String service, String first, String second) {
        double total = 0;
        for (int port : instancePorts(service)) {
            String scrape = getDirect(port, "/actuator/prometheus");
            total += sumOf(scrape, first, labels -> true) - sumOf(scrape, second, labels -> true);
        }
        return total;
    }

    private static double sumOf(String scrape, String metric, Predicate<String> labels) {
        Pattern line = Pattern.compile("^" + metric + "(?:\\{([^}]*)})? ([0-9.Ee+-]+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        double total = 0;
        while (matcher.find()) {
            if (labels.test(matcher.group(1) == null ? "" : matcher.group(1))) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
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

    private Suite() {
    }
}

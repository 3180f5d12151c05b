package dev.sns.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chaos suite as the scenarios see it: the gateway (as a client), {@code ./sns} (to inject faults, with the same
 * SNS_HOME and ports the suite was started with), the services' own ports (metrics) and the database (counts).
 */
final class ChaosSuite {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40); // above the gateway's 25 s limit for a retried GET

    /** An answer; status -1 when no HTTP answer came at all (connection refused, reset, timed out). */
    record Reply(int status, String body, JsonNode json) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String resultCode() {
            return json == null ? null : json.path("resultCode").asString(null);
        }

        JsonNode result() {
            return json == null ? null : json.get("result");
        }

        /** The API.md envelope, whatever the status. */
        boolean isEnvelope() {
            return json != null && json.isObject() && json.path("resultCode").isString() && json.has("result")
                    && (ok() == "SUCCESS".equals(resultCode())) && (ok() || json.path("resultMessage").isString());
        }

        /** For failure tallies: status and code, e.g. {@code 503 SERVICE_UNAVAILABLE} or {@code -1 ConnectException}. */
        String outcome() {
            return status + " " + (json != null ? resultCode() : body.length() > 60 ? body.substring(0, 60) : body);
        }
    }

    record User(long id, String name, String token) {
    }

    static int gatewayPort() {
        return Integer.getInteger("sns.gateway.port", 48080);
    }

    static int discoveryPort() {
        return Integer.getInteger("sns.discovery.port", 48761);
    }

    static int dbPort() {
        return Integer.getInteger("sns.db.port", 43306);
    }

    static Path root() {
        return Path.of(System.getProperty("sns.root", "..")).toAbsolutePath().normalize();
    }

    static Path home() {
        return Path.of(System.getProperty("sns.home", root().resolve("target/chaos-suite").toString()));
    }

    // --- the API through the gateway --------------------------------------------------------------------------

    static Reply call(String method, String path, String token, String jsonBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort() + path))
                .timeout(REQUEST_TIMEOUT)
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
        return send(request.build());
    }

    static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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

    static Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    static Reply post(String path, String token, String jsonBody) {
        return call("POST", path, token, jsonBody);
    }

    static String credentials(String name) {
        return "{\"name\":\"" + name + "\",\"password\":\"secret-password-1\"}";
    }

    /** Joins and logs in a fresh user; waits out the join/login rate limit (429) like a polite client. */
    static User newUser(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        Reply joined = patiently(() -> post("/api/v1/users/join", null, credentials(name)));
        assertThat(joined.status()).as("join %s: %s", name, joined.body()).isEqualTo(200);
        return new User(joined.result().get("id").asLong(), name, login(name));
    }

    static String login(String name) {
        Reply login = patiently(() -> post("/api/v1/users/login", null, credentials(name)));
        assertThat(login.status()).as("login %s: %s", name, login.body()).isEqualTo(200);
        return login.result().get("token").asString();
    }

    static List<User> newUsers(String prefix, int count) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(newUser(prefix));
        }
        return users;
    }

    /** Repeats the call while the rate limit answers 429 (at most a minute). */
    static Reply patiently(java.util.function.Supplier<Reply> call) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        Reply reply = call.get();
        while (reply.status() == 429 && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(500));
            reply = call.get();
        }
        return reply;
    }

    static long createPost(User author, String title) {
        Reply created = post("/api/v1/posts", author.token(), "{\"title\":\"" + title + "\",\"body\":\"chaos\"}");
        assertThat(created.status()).as("create post: %s", created.body()).isEqualTo(200);
        return created.result().get("id").asLong();
    }

    /** Every alarm of the user, all pages, through the API. */
    static List<JsonNode> alarms(User user) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Reply reply = get("/api/v1/users/alarm?size=100&sort=id,asc&page=" + page, user.token());
            if (!reply.ok()) {
                throw new IllegalStateException("alarm list: " + reply.outcome());
            }
            reply.result().get("content").forEach(all::add);
            if (reply.result().get("last").asBoolean()) {
                return all;
            }
        }
    }

    // --- the processes --------------------------------------------------------------------------------------

    /** Runs {@code ./sns <args>} against the chaos suite (its SNS_HOME and ports), printing its output. */
    static Process snsAsync(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root().resolve("sns").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile()).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("SNS_HOME", home().toString());
        env.put("SNS_GATEWAY_PORT", String.valueOf(gatewayPort()));
        env.put("SNS_DISCOVERY_PORT", String.valueOf(discoveryPort()));
        env.put("SNS_DB_PORT", String.valueOf(dbPort()));
        env.put("SNS_REDIS_PORT", System.getProperty("sns.redis.port", "46379"));
        env.put("SNS_KAFKA_PORT", System.getProperty("sns.kafka.port", "49092"));
        for (String service : List.of("USER", "POST", "ALARM")) {
            env.putIfAbsent("SNS_" + service + "_SERVICE_PORT", "0"); // restarted instances take any free port
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ./sns", e);
        }
    }

    /** Runs {@code ./sns <args>} and fails the test unless it succeeds within {@code limit}. */
    static void sns(Duration limit, String... args) {
        await(snsAsync(args), limit, String.join(" ", args));
    }

    static void await(Process process, Duration limit, String what) {
        try {
            boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroy();
            }
            assertThat(finished).as("./sns %s finished within %s", what, limit).isTrue();
            assertThat(process.exitValue()).as("exit code of ./sns %s", what).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the instances one after the other (each takes its port first), then waits for all of them. */
    static void startAll(Duration limit, String... names) {
        List<Process> starts = new ArrayList<>();
        for (String name : names) {
            Path portFile = home().resolve("run").resolve(name + ".port");
            starts.add(snsAsync("start", name));
            awaitCondition("./sns start " + name + " took its port", Duration.ofSeconds(60), () -> Files.exists(portFile));
        }
        for (int i = 0; i < names.length; i++) {
            await(starts.get(i), limit, "start " + names[i]);
        }
    }

    /** Stops the processes at the same time. */
    static void stopAll(Duration limit, String... names) {
        List<Process> stops = new ArrayList<>();
        for (String name : names) {
            stops.add(snsAsync("stop", name));
        }
        for (int i = 0; i < names.length; i++) {
            await(stops.get(i), limit, "stop " + names[i]);
        }
    }

    /** Every process of the chaos suite (./sns chaos runs two instances of each service). */
    static final List<String> PROCESSES = List.of("infra-db", "infra-redis", "infra-kafka", "user-service-1", "user-service-2",
            "post-service-1", "post-service-2", "alarm-service-1", "alarm-service-2");

    static boolean running(String name) {
        Path pidFile = home().resolve("run").resolve(name + ".pid");
        try {
            return Files.exists(pidFile) && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * Starts whatever a scenario stopped and did not start again (because it failed half-way), so that the next
     * scenario finds the whole suite. Run in each fault scenario's finally block.
     */
    static void restoreSuite() {
        Traffic.closeAll();
        List<String> stopped = PROCESSES.stream().filter(name -> !running(name)).toList();
        if (!stopped.isEmpty()) {
            System.out.println("CHAOS restoring " + stopped);
            stopped.stream().filter(name -> name.startsWith("infra-")).forEach(name -> sns(Duration.ofMinutes(3), "start", name));
            String[] instances = stopped.stream().filter(name -> !name.startsWith("infra-")).toArray(String[]::new);
            if (instances.length > 0) {
                startAll(Duration.ofMinutes(6), instances);
            }
        }
    }

    /** Ports of the running instances of a service, from the runner's files. */
    static List<Integer> instancePorts(String service) {
        try (var files = Files.list(home().resolve("run"))) {
            return files.filter(f -> f.getFileName().toString().matches(service + "-[0-9]+\\.port"))
                    .map(f -> {
                        try {
                            return Integer.parseInt(Files.readString(f).trim());
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Prometheus text of an instance (empty when it does not answer). */
    static String metrics(int port) {
        Reply reply = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5)).build());
        return reply.ok() ? reply.body() : "";
    }

    // --- the database ---------------------------------------------------------------------------------------

    static Connection postDb() throws SQLException {
        return connect("sns_post", "post_service", "post-local");
    }

    static Connection alarmDb() throws SQLException {
        return connect("sns_alarm", "alarm_service", "alarm-local");
    }

    private static Connection connect(String schema, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + dbPort() + "/" + schema
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC", user, password);
    }

    /** The number the query selects (its first column of its first row). */
    static long count(Connection db, String sql, Object... params) {
        try (var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** {@code ?,?,?} for an IN list. */
    static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    // --- time -----------------------------------------------------------------------------------------------

    static void awaitCondition(String what, Duration limit, BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what).atMost(limit).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(condition::getAsBoolean);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String seconds(long startNanos) {
        return String.format("%.1fs", (System.nanoTime() - startNanos) / 1e9);
    }

    private ChaosSuite() {
    }
}

package dev.sns.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Gateway.Reply;
import dev.sns.testsupport.Repository;
import dev.sns.testsupport.Users.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/**
 * The chaos suite as the scenarios see it: the gateway (as a client), {@code ./sns} (to inject faults, with the same
 * SNS_HOME and ports the suite was started with), the services' own ports (metrics) and the database (counts).
 */
final class ChaosSuite {

    static int dbPort() {
        return Integer.getInteger("sns.db.port", 43306);
    }

    static Path root() {
        return Repository.root();
    }

    static Path home() {
        return Path.of(System.getProperty("sns.home", root().resolve("target/chaos-suite").toString()));
    }

    // --- the API through the gateway (dev.sns.testsupport.Gateway: the client shared with the end-to-end tests)

    static long createPost(User author, String title) {
        Reply created = Gateway.post("/api/v1/posts", author.token(), "{\"title\":\"" + title + "\",\"body\":\"chaos\"}");
        assertThat(created.status()).as("create post: %s", created.body()).isEqualTo(200);
        return created.result().get("id").asLong();
    }

    /** Every alarm of the user, all pages, through the API. */
    static List<JsonNode> alarms(User user) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Reply reply = Gateway.get("/api/v1/users/alarm?size=100&sort=id,asc&page=" + page, user.token());
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
        env.put("SNS_GATEWAY_PORT", String.valueOf(Gateway.gatewayPort()));
        env.put("SNS_DISCOVERY_PORT", String.valueOf(Gateway.discoveryPort()));
        env.put("SNS_DB_PORT", String.valueOf(dbPort()));
        env.put("SNS_REDIS_PORT", System.getProperty("sns.redis.port", "46379"));
        env.put("SNS_KAFKA_PORT", System.getProperty("sns.kafka.port", "49092"));
        for (String service : List.of("USER", "POST", "ALARM", "TIMELINE")) {
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
            "post-service-1", "post-service-2", "alarm-service-1", "alarm-service-2", "timeline-service-1",
            "timeline-service-2");

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

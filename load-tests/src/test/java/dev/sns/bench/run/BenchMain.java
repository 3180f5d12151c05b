package dev.sns.bench.run;

import dev.sns.testsupport.Gateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@link BenchPlan} against a running suite, measures, and writes the figures into docs/performance.md.
 * {@code ./sns bench} builds, starts its suite on the bench ports, runs this on load-tests' test class path and
 * stops the suite; operations on the suite between steps ({@code scale}, {@code stop}) are {@code ./sns} commands,
 * so that the suite is supervised by one runner. Every Gatling simulation and probe runs in a JVM of its own, its
 * console in {@code <bench dir>/<key>.log}, a simulation's report in {@code <bench dir>/gatling/<key>/}.
 *
 * <p>Read from the environment that ./sns exports: {@code SNS_HOME} (its {@code run/<name>.pid} and
 * {@code run/<name>.port} files name the suite's processes, README "Files of a running suite"),
 * {@code SNS_GATEWAY_PORT}, {@code SNS_REDIS_PORT}, {@code SNS_JAVA_OPTS} (the bare gateway's flags),
 * {@code SNS_AUTH_RATE_PER_SECOND}/{@code _BURST}, {@code SNS_BENCH_SSE_STREAMS} (10000), {@code SNS_BENCH_SSE_RATE}
 * (600), {@code SNS_BENCH_FANOUT_FOLLOWERS} (10000), {@code BARE_GATEWAY_PORT} (a free port). System properties:
 * {@code sns.root}; {@code bench.startedAt} (epoch seconds), {@code bench.loadAtStart}, {@code bench.upSeconds}:
 * what ./sns measured before; {@code bench.page} (docs/performance.md);
 * {@code bench.steps} (a comma-separated subset of the plan's keys: a partial run, the others "not run");
 * {@code bench.scale} (e.g. 0.1: every {@code -Dbench.seconds}/{@code rampSeconds} scaled, and the report says so).
 */
public final class BenchMain {

    /** The JVM options gatling-maven-plugin gives its forked Gatling process; here each simulation gets them. */
    private static final List<String> GATLING_JVM = List.of("-Xmx1G", "-XX:+HeapDumpOnOutOfMemoryError",
            "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12", "--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");
    private static final List<String> SERVICES = List.of("user-service", "post-service", "alarm-service", "timeline-service");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z.]+)}");
    private static final Pattern DURATION = Pattern.compile("(-Dbench\\.(?:seconds|rampSeconds)=)([0-9]+)");
    private static final Pattern STARTED = Pattern.compile("Started [A-Za-z]* in ([0-9.]+) seconds");

    /**
     * The suite under test and where the run's raw output goes.
     *
     * @param root the repository ({@code ./sns}, docs/)
     * @param home the suite's {@code SNS_HOME}
     */
    record Suite(Path root, Path home, String gatewayUrl, int redisPort, Path benchDir) {

        Path run() {
            return home.resolve("run");
        }

        Path logs() {
            return home.resolve("logs");
        }

        Path usersFile() {
            return benchDir.resolve("users.csv");
        }

        /** The bench users of the setup step: id, name, token. */
        List<List<String>> users() {
            try (Stream<String> lines = Files.lines(usersFile())) {
                return lines.filter(l -> !l.isBlank()).map(l -> List.of(l.split(",", 3))).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> user(int index) {
            return users().get(index);
        }

        /** The port of a process of the suite ({@code run/<name>.port}). */
        int port(String name) {
            return Integer.parseInt(read(run().resolve(name + ".port")));
        }

        /** The process id of a process of the suite ({@code run/<name>.pid}). */
        String pid(String name) {
            return read(run().resolve(name + ".pid"));
        }

        SuiteDatabase database() throws SQLException {
            return SuiteDatabase.connect(home);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Suite suite;
    private final Figures figures = new Figures();
    private final Map<String, String> values = new HashMap<>();
    private final double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
    private final long ticksPerSecond = ProcessCpu.ticksPerSecond();
    private final SuiteCounts counts;
    private Process bareGateway;
    private int barePort; // 0 until the bare gateway's port is chosen
    private long alarmsBefore;

    private BenchMain(Suite suite) {
        this.suite = suite;
        this.counts = new SuiteCounts(suite, figures);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("sns.root", ".")).toAbsolutePath().normalize();
        Path home = Path.of(System.getenv("SNS_HOME"));
        Suite suite = new Suite(root, home, "http://127.0.0.1:" + env("SNS_GATEWAY_PORT", "8080"),
                Integer.parseInt(env("SNS_REDIS_PORT", "6379")), home.resolve("bench"));
        Files.createDirectories(suite.benchDir());
        new BenchMain(suite).run();
    }

    private void run() throws Exception {
        long startedAt = Long.getLong("bench.startedAt", Instant.now().getEpochSecond());
        figures.put("date", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(startedAt)));
        figures.put("machine", Machine.describe());
        figures.put("load.start", System.getProperty("bench.loadAtStart", loadAverages()));
        figures.put("suite.javaOpts", env("SNS_JAVA_OPTS", ""));
        figures.put("suite.authRate", env("SNS_AUTH_RATE_PER_SECOND", ""));
        figures.put("suite.authBurst", env("SNS_AUTH_RATE_BURST", ""));
        figures.put("url", suite.gatewayUrl());
        values.put("sseStreams", env("SNS_BENCH_SSE_STREAMS", "10000"));
        values.put("sseRate", env("SNS_BENCH_SSE_RATE", "600"));
        values.put("redisPort", String.valueOf(suite.redisPort()));
        figures.put("sse.rate", values.get("sseRate"));
        if (scale != 1) {
            figures.put("scale", System.getProperty("bench.scale"));
        }
        startUp();
        Set<String> only = Set.of(System.getProperty("bench.steps", "").split(","));
        if (!only.equals(Set.of(""))) {
            figures.put("steps", System.getProperty("bench.steps"));
        }
        for (BenchPlan step : BenchPlan.steps()) {
            if (only.equals(Set.of("")) || only.contains(step.key())) {
                run(step);
            }
        }
        figures.put("load.end", loadAverages());
        figures.put("total", String.valueOf(Instant.now().getEpochSecond() - startedAt));
        String section = BenchReport.render(figures, BenchPlan.keys());
        figures.write(suite.benchDir().resolve("figures.tsv"));
        Files.writeString(suite.benchDir().resolve("performance-section.md"), section);
        Path page = suite.root().resolve(System.getProperty("bench.page", "docs/performance.md"));
        GeneratedSection.write(page, "bench", section);
        say("bench: figures written into " + suite.root().relativize(page) + ", raw output in " + suite.benchDir());
    }

    /** Figure 7: each process's start-up to "Started" (its log), the AOT cache each used, ./sns up's time. */
    private void startUp() throws IOException {
        List<String> times = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of("discovery", "gateway"));
        List<Path> logs = new ArrayList<>(List.of(suite.logs().resolve("discovery.log"), suite.logs().resolve("gateway.log")));
        try (Stream<Path> files = Files.list(suite.logs())) { // then the services' instances, by name
            files.filter(f -> f.getFileName().toString().matches(".+-service-[0-9]+\\.log")).sorted().forEach(logs::add);
        }
        for (Path log : logs) {
            if (Files.exists(log)) {
                Matcher started = STARTED.matcher(Files.readString(log));
                times.add(log.getFileName().toString().replaceFirst("\\.log$", "") + "=" + (started.find() ? started.group(1) : ""));
            }
        }
        for (String service : SERVICES) {
            for (int index = 1; Files.exists(suite.run().resolve(service + "-" + index + ".pid")); index++) {
                names.add(service + "-" + index);
            }
        }
        List<String> aot = new ArrayList<>();
        for (String name : names) {
            Path log = suite.logs().resolve("aot/" + name + ".log");
            aot.add(name + "=" + (!Files.exists(log) ? "none"
                    : Files.readString(log).contains("Using AOT-linked classes: true") ? "cache" : "REJECTED"));
        }
        times.add("up_total=" + System.getProperty("bench.upSeconds", ""));
        figures.put("startup", String.join(" ", times));
        figures.put("startup.load", loadNow());
        figures.put("startup.aot", String.join(" ", aot) + " ");
        // on when the runner started any process with a cache (it writes an aot log only then: SNS_AOT, JDK >= 25)
        String aotMode = aot.stream().allMatch(a -> a.endsWith("=none")) ? "off" : "on";
        figures.put("startup.cmd", "SNS_POST_SERVICE_INSTANCES=" + names.stream().filter(n -> n.startsWith("post-service-")).count()
                + " ./sns up (bench ports, SNS_JAVA_OPTS=\"" + env("SNS_JAVA_OPTS", "") + "\", AOT cache "
                + aotMode + ")");
    }

    private void run(BenchPlan step) throws Exception {
        List<String> params = new ArrayList<>();
        for (String param : step.params()) {
            String resolved = resolve(param);
            if (resolved == null) {
                say("bench: " + step.key() + " skipped: " + param + " has no value (an earlier step failed)");
                if (figures.get(step.key()).isEmpty()) {
                    figures.put(step.key(), "failed: " + param + " has no value");
                }
                return;
            }
            params.add(scaled(resolved));
        }
        switch (step.kind()) {
            case SNS -> sns(params);
            case SLEEP -> Thread.sleep(Long.parseLong(step.target()) * 1000);
            case BARE_GATEWAY -> bareGateway(step.target().equals("start"));
            default -> measuring(step, params);
        }
    }

    /** A step that measures: if it breaks, its figure says so and the bench goes on (an operation's failure ends it). */
    private void measuring(BenchPlan step, List<String> params) throws InterruptedException {
        try {
            switch (step.kind()) {
                case GATLING -> gatling(step.key(), step.target(), params);
                case PROBE -> probe(step.key(), step.target(), params);
                default -> measure(step.target(), params);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            say("bench: " + step.key() + " failed: " + e);
            if (figures.get(step.key()).isEmpty()) {
                figures.put(step.key(), "failed: " + e.getClass().getSimpleName());
            }
        }
    }

    /** A parameter with its {@code ${name}}s filled in from the running suite; null if one has no value. */
    private String resolve(String param) {
        Matcher placeholder = PLACEHOLDER.matcher(param);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = value(placeholder.group(1));
            if (value == null) {
                return null;
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(out).toString();
    }

    private String value(String name) {
        return switch (name) {
            case "direct" -> "http://127.0.0.1:" + suite.port("post-service-1");
            case "bare" -> "http://127.0.0.1:" + barePort();
            case "alarmPid" -> suite.pid("alarm-service-1");
            case "alarmUrl" -> "http://127.0.0.1:" + suite.port("alarm-service-1");
            case "gatewayPid" -> suite.pid("gateway");
            default -> values.get(name);
        };
    }

    private String scaled(String param) {
        if (scale == 1) {
            return param;
        }
        Matcher duration = DURATION.matcher(param);
        return duration.matches()
                ? duration.group(1) + Math.max(1, Math.round(Long.parseLong(duration.group(2)) * scale)) : param;
    }

    private void gatling(String key, String simulation, List<String> params) throws Exception {
        String load = loadNow();
        say("bench: " + key + ": " + simulation + " " + String.join(" ", params));
        Path results = suite.benchDir().resolve("gatling/" + key);
        ProcessCpu before = ProcessCpu.sample(suite.run());
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(GATLING_JVM);
        command.addAll(jvmArgs(params));
        command.addAll(List.of("io.gatling.app.Gatling", "--simulation", "dev.sns.bench." + simulation,
                "--results-folder", results.toString(), "--launcher", "maven"));
        if (launch(key, command) != 0) {
            say(key + ": an assertion failed or the run crashed (see " + log(key) + ")");
        }
        ProcessCpu after = ProcessCpu.sample(suite.run());
        figures.put(key + ".cmd", "gatling " + simulation + " " + String.join(" ", params));
        figures.put(key + ".load", load + " → " + loadNow());
        String stats;
        try {
            stats = GatlingStats.ofResultsFolder(results).fields();
        } catch (RuntimeException noReport) {
            stats = "failed";
        }
        figures.put(key, stats);
        resultLine(key).ifPresent(result -> figures.append(key, result)); // a simulation's own counts (304s)
        // CPU time the suite spent per request (the fixture's setup requests included): less at the mercy of other load
        long requests = stats.equals("failed") ? 0 : Long.parseLong(figures.field(key, "requests"));
        figures.put(key + ".cpu", before.perRequest(after, requests, ticksPerSecond));
    }

    private void probe(String key, String probe, List<String> params) throws Exception {
        String load = loadNow();
        say("bench: " + key + ": " + probe + " " + String.join(" ", params));
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmArgs(params));
        command.add("dev.sns.bench." + probe);
        if (launch(key, command) != 0) {
            say(key + ": the probe failed (see " + log(key) + ")");
        }
        figures.put(key + ".cmd", "probe " + probe + " " + String.join(" ", params));
        figures.put(key + ".load", load + " → " + loadNow());
        figures.put(key, resultLine(key).orElse("failed"));
    }

    /** The class path (this JVM's: load-tests' test classes and dependencies) and what every simulation and probe gets. */
    private List<String> jvmArgs(List<String> params) {
        List<String> args = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                "-Dsns.gateway.url=" + suite.gatewayUrl(), "-Dbench.usersFile=" + suite.usersFile()));
        args.addAll(params);
        return args;
    }

    /** Runs a JVM of the bench, its console into the step's log; its exit status. */
    private int launch(String key, List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).directory(suite.root().toFile()).redirectErrorStream(true)
                .redirectOutput(log(key).toFile()).start().waitFor();
    }

    private Path log(String key) {
        return suite.benchDir().resolve(key + ".log");
    }

    /** The fields of the last {@code RESULT} line a step printed. */
    private java.util.Optional<String> resultLine(String key) throws IOException {
        try (Stream<String> lines = Files.lines(log(key))) {
            return lines.filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b).map(l -> l.substring("RESULT ".length()));
        }
    }

    /** {@code ./sns <args>} on the suite (the environment, SNS_HOME and ports included, is this JVM's). */
    private void sns(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(suite.root().resolve("sns").toString()));
        command.addAll(args);
        int status = new ProcessBuilder(command).directory(suite.root().toFile()).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("./sns " + String.join(" ", args) + " failed (exit " + status + ")");
        }
    }

    /**
     * Figure 1's calibration: the same feed through the cheapest Spring Cloud Gateway there is
     * (load-tests/profile/bare-gateway: one route, no filter, no security, no observation) in front of post-service-1,
     * with the suite's JVM flags; its pid file beside the suite's, so that its CPU is counted like theirs.
     */
    private void bareGateway(boolean start) throws Exception {
        Path pidFile = suite.run().resolve("bare-gateway.pid");
        if (!start) {
            bareGateway.destroy();
            if (!bareGateway.waitFor(30, TimeUnit.SECONDS)) {
                bareGateway.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(pidFile);
            return;
        }
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(Arrays.stream(env("SNS_JAVA_OPTS", "").split(" ")).filter(s -> !s.isBlank()).toList());
        command.addAll(List.of("-jar", suite.root().resolve("load-tests/profile/bare-gateway/target/bare-gateway-1.0.0-SNAPSHOT.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(suite.root().toFile()).redirectErrorStream(true)
                .redirectOutput(suite.logs().resolve("bare-gateway.log").toFile());
        builder.environment().put("BARE_GATEWAY_PORT", String.valueOf(barePort()));
        builder.environment().put("BARE_GATEWAY_TARGET", value("direct"));
        bareGateway = builder.start();
        Files.writeString(pidFile, bareGateway.pid() + "\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!answers(barePort())) {
            if (!bareGateway.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the bare gateway did not start (see " + suite.logs().resolve("bare-gateway.log") + ")");
            }
            Thread.sleep(500);
        }
    }

    /**
     * BARE_GATEWAY_PORT, else a port free when first asked: a fixed default (38070) lies in the kernel's ephemeral
     * range, where a service's port-0 listener or an outgoing connection of the running suite may already hold it.
     */
    private int barePort() {
        if (barePort == 0) {
            String configured = env("BARE_GATEWAY_PORT", "");
            if (!configured.isBlank()) {
                barePort = Integer.parseInt(configured);
            } else {
                try (ServerSocket free = new ServerSocket(0)) {
                    barePort = free.getLocalPort();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return barePort;
    }

    /** Whether an HTTP server on that port answers at all (any status: the bare gateway routes nothing at /). */
    private static boolean answers(int port) throws InterruptedException {
        try {
            Gateway.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void measure(String what, List<String> params) throws Exception {
        switch (what) {
            case "queries" -> counts.queries();
            case "follow_counts" -> counts.followCounts();
            case "fanout_followers" -> {
                try {
                    values.putAll(counts.fanOutFollowers(Integer.parseInt(env("SNS_BENCH_FANOUT_FOLLOWERS", "10000"))));
                } catch (SQLException e) {
                    figures.put("fanout", "failed: the followers could not be made (" + e.getMessage() + ")");
                }
            }
            case "alarms_before" -> alarmsBefore = counts.alarms();
            case "alarms_stored" -> counts.awaitAlarms(params.getFirst(), alarmsBefore);
            default -> throw new IllegalArgumentException("no measurement " + what);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** The load average over the last minute. */
    static String loadNow() {
        return loadAverages().split(" ")[0];
    }

    /** The load averages over 1, 5 and 15 minutes. */
    private static String loadAverages() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static void say(String message) {
        System.err.println("\033[1m[sns]\033[0m " + message);
    }
}

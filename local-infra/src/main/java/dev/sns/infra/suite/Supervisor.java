package dev.sns.infra.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The commands that look at or stop what runs: {@code status}, {@code down}, {@code stop <name>}, {@code logs <name>},
 * {@code replay-dlt}.
 */
final class Supervisor {

    private final SuiteEnv env;
    private final RunDir run;
    private final Http http;

    Supervisor(SuiteEnv env) {
        this.env = env;
        this.run = env.run();
        this.http = new Http(env);
    }

    /** One line per process with a pid file: port, pid, health (/readyz), and the registry's count for instances. */
    void status(PrintStream out) {
        String format = "%-18s %-7s %-8s %-6s %s%n";
        out.printf(format, "INSTANCE", "PORT", "PID", "HEALTH", "EUREKA");
        List<String> names = run.names();
        if (names.isEmpty()) {
            Say.say("nothing is running");
            return;
        }
        for (String name : names) {
            String port = run.port(name).map(String::valueOf).orElse("-");
            String health;
            if (!run.alive(name)) {
                health = "DEAD";
            } else if (name.startsWith("infra-")) {
                health = "UP";
            } else {
                health = run.port(name).filter(http::ready).isPresent() ? "UP" : "DOWN";
            }
            String eureka = Instance.serviceOf(name).map(s -> http.registered(s) + " UP of " + s).orElse("");
            String pid = run.pid(name).stream().mapToObj(String::valueOf).findFirst().orElse("-"); // stopped meanwhile
            out.printf(format, name, port, pid, health, eureka);
        }
    }

    /**
     * Stops everything: the gateway first (no new requests), the instances at once, then the registry, then the
     * infrastructure at once (the services' shutdown still commits offsets and closes connections).
     */
    void down() {
        if (!run.exists()) {
            Say.say("nothing is running");
            return;
        }
        stop("bare-gateway"); // ./sns bench's calibration gateway, if a bench was stopped while it ran
        stop("gateway");
        stopAtOnce(SuiteEnv.SERVICES.stream().flatMap(s -> run.instancesOf(s).stream()).toList());
        stop("discovery");
        stopAtOnce(List.of("infra-kafka", "infra-redis", "infra-db"));
        Say.say("stopped");
    }

    /** {@code ./sns stop <name>}: fault injection (an instance, or infra-db / infra-redis / infra-kafka). */
    void stopCommand(String name) {
        if (name == null || run.pid(name).isEmpty()) {
            throw new SuiteException("usage: ./sns stop <name>, one of: " + String.join(" ", run.names()));
        }
        stop(name);
        Say.say(name + " stopped");
    }

    void stop(String name) {
        Processes.stop(run, name);
    }

    /**
     * {@code ./sns replay-dlt}: the alarm consumer's dead letters back on the events' topic, by one running
     * alarm-service instance (docs/deployment.md "Replaying dead letters"); prints its answer.
     */
    void replayDeadLetters(PrintStream out) throws IOException, InterruptedException {
        int port = run.instancesOf("alarm-service").stream().filter(run::alive).map(run::port)
                .flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new SuiteException("no alarm-service instance is running (./sns up)"));
        out.println(http.postAsOperator(port, "/actuator/dltreplay", Duration.ofSeconds(120)));
    }

    /** The last 200 lines of a process's logs (all instances of a service, previous runs too); followed on a tty. */
    int logs(String name, boolean follow) throws IOException, InterruptedException {
        if (name == null || name.isBlank()) {
            throw new SuiteException("usage: ./sns logs <service|gateway|discovery|infra>");
        }
        List<Path> files = logFiles(env.logs(), name);
        if (files.isEmpty()) {
            throw new SuiteException("no log for " + name + " in " + env.logs());
        }
        List<String> command = new ArrayList<>(List.of("tail", "-n", "200"));
        if (follow) {
            command.add("-F");
        }
        files.forEach(f -> command.add(f.toString()));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    /** {@code <name>.log} and {@code <name>-<digit>*.log} (instances and their previous runs), sorted. */
    static List<Path> logFiles(Path logs, String name) throws IOException {
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> {
                String file = f.getFileName().toString();
                return file.equals(name + ".log") || file.startsWith(name + "-") && file.endsWith(".log")
                        && file.length() > name.length() + 1 && Character.isDigit(file.charAt(name.length() + 1));
            }).sorted().toList();
        }
    }

    private void stopAtOnce(List<String> names) {
        try (ExecutorService stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            names.forEach(name -> stopping.submit(() -> stop(name)));
        }
    }
}

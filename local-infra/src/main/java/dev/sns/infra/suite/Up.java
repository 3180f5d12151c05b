package dev.sns.infra.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code ./sns up} after the build, in three phases: the database, Redis and Kafka start (or whatever listens on their
 * ports is reused), the registry and Config Server start once they are ready, then the instances and the gateway, at
 * most {@code SNS_START_JOBS} (nproc) starting at once, and every instance's readiness and registration are awaited.
 * Each module's AOT cache is trained before its first start ({@link AotTraining}): the registry's while the
 * infrastructure starts, the others' against the running Config Server, database and Kafka. Whatever already runs is
 * left alone, so {@code up} also completes a suite.
 */
final class Up {

    private static final List<String> INFRA = List.of("db", "redis", "kafka");

    private final SuiteEnv env;
    private final RunDir run;
    private final Starter starter;
    private final Readiness readiness;
    private final Http http;

    Up(SuiteEnv env) {
        this.env = env;
        this.run = env.run();
        this.starter = new Starter(env);
        this.readiness = new Readiness(env);
        this.http = new Http(env);
    }

    /** {@code ./sns up}; {@code trainOnly}: stops after the training, before the instances start. */
    void up(PrintStream out, boolean trainOnly) throws IOException {
        AotTraining training = new AotTraining(env);
        infra();
        if (!run.alive("discovery")) {
            training.train(List.of("discovery-service"));
        }
        discovery();
        List<String> untrained = new ArrayList<>();
        if (!run.alive("gateway")) {
            untrained.add("gateway-service");
        }
        for (String service : SuiteEnv.SERVICES) {
            if (IntStream.rangeClosed(1, instancesWanted(service)).anyMatch(i -> !run.alive(service + "-" + i))) {
                untrained.add(service);
            }
        }
        training.train(untrained);
        if (!trainOnly) {
            services(out);
        }
    }

    /**
     * {@code ./sns bench}: the AOT caches are build products, like the jars, trained first where missing, so that the
     * bench's start-up figure is that of a suite with nothing to build or train. Leaves nothing running.
     */
    void trainCaches() throws IOException {
        AotTraining training = new AotTraining(env);
        if (!training.enabled() || training.allReady()) {
            return;
        }
        Say.say("training the AOT caches first (not part of the timed start-up)");
        up(System.out, true);
        new Supervisor(env).down();
        try (Stream<Path> logs = Files.list(env.logs())) {
            for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.delete(log);
            }
        }
    }

    private void infra() throws IOException {
        for (String component : INFRA) {
            int port = env.infraPort(component);
            if (run.alive("infra-" + component)) {
                continue;
            }
            if (Ports.listening(port)) {
                Say.say(component + ": something already listens on port " + port + ", reusing it");
            } else {
                starter.startInfra(component);
            }
        }
    }

    private void discovery() throws IOException {
        for (String component : INFRA) {
            if (run.alive("infra-" + component)) {
                readiness.await(component, () -> readiness.infraReady("infra-" + component));
            }
        }
        if (!run.alive("discovery")) {
            new Launcher(env).launch("discovery", env.discoveryPort(), "discovery-service", List.of());
            Say.say("discovery + config server starting on port " + env.discoveryPort());
        }
        readiness.awaitInstance("discovery");
    }

    private void services(PrintStream out) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        int jobs = Integer.parseInt(env.get("SNS_START_JOBS", String.valueOf(cores)));
        List<String> starting = new ArrayList<>();
        for (String service : SuiteEnv.SERVICES) {
            for (int index = 1; index <= instancesWanted(service); index++) {
                if (!run.alive(service + "-" + index)) {
                    awaitStartSlot(starting, jobs);
                    starter.startInstance(service, index);
                    starting.add(service + "-" + index);
                }
            }
        }
        if (!run.alive("gateway")) {
            awaitStartSlot(starting, jobs);
            starter.startGateway();
        }
        for (String service : SuiteEnv.SERVICES) {
            List<String> instances = run.instancesOf(service);
            instances.forEach(readiness::awaitInstance);
            readiness.await(service + " in Eureka", () -> http.registered(service) >= instances.size());
        }
        readiness.awaitInstance("gateway");
        Say.say("suite is up: " + SuiteEnv.SERVICES.stream().map(s -> s + " x" + run.instancesOf(s).size())
                .collect(Collectors.joining(", ")));
        out.println("Gateway ready at http://localhost:" + env.gatewayPort());
    }

    /** {@code SNS_<SERVICE>_INSTANCES} (1). */
    private int instancesWanted(String service) {
        return Integer.parseInt(env.get(SuiteEnv.serviceVariable(service, "INSTANCES"), "1"));
    }

    /**
     * A start is CPU-bound (class loading, JIT, bean creation): more starts than cores make each one slower without
     * making the whole faster (docs/performance.md, start-up), so the next one waits until fewer are still starting.
     */
    private void awaitStartSlot(List<String> starting, int jobs) {
        readiness.await("a free start slot (SNS_START_JOBS=" + jobs + ")",
                () -> starting.stream().filter(name -> !readiness.instanceReady(name)).count() < jobs);
    }
}

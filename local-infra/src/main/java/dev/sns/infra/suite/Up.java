package dev.sns.infra.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The three phases of {@code ./sns up} after the build, each a command of its own because the AOT training (bash,
 * with the build) runs between them: {@code up-infra} starts the database, Redis and Kafka (or reuses whatever listens
 * on their ports), {@code up-discovery} awaits them and starts the registry and Config Server, {@code up-services}
 * starts the instances and the gateway, at most {@code SNS_START_JOBS} (nproc) starting at once, and awaits every
 * instance's readiness and registration. Whatever already runs is left alone, so {@code up} also completes a suite.
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

    void infra() throws IOException {
        for (String component : INFRA) {
            int port = env.port("SNS_" + component.toUpperCase() + "_PORT", 0);
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

    void discovery() throws IOException {
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

    void services(PrintStream out) throws IOException {
        int jobs = Integer.parseInt(env.get("SNS_START_JOBS", String.valueOf(Runtime.getRuntime().availableProcessors())));
        List<String> starting = new ArrayList<>();
        for (String service : SuiteEnv.SERVICES) {
            int wanted = Integer.parseInt(env.get("SNS_" + service.replace('-', '_').toUpperCase() + "_INSTANCES", "1"));
            for (int index = 1; index <= wanted; index++) {
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

    /**
     * A start is CPU-bound (class loading, JIT, bean creation): more starts than cores make each one slower without
     * making the whole faster (docs/performance.md, start-up), so the next one waits until fewer are still starting.
     */
    private void awaitStartSlot(List<String> starting, int jobs) {
        readiness.await("a free start slot (SNS_START_JOBS=" + jobs + ")",
                () -> starting.stream().filter(name -> !readiness.instanceReady(name)).count() < jobs);
    }
}

package dev.sns.infra.suite;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Starting processes of the suite by name: {@code ./sns start <name>} (fault injection) and what {@code up} needs. */
final class Starter {

    /** Instance #1's port when {@code SNS_<SERVICE>_PORT} does not say (0 there: any free port). */
    private static final Map<String, Integer> USUAL_PORTS = Map.of("user-service", 8081, "post-service", 8082,
            "alarm-service", 8083, "timeline-service", 8084);

    private final SuiteEnv env;
    private final RunDir run;
    private final Launcher launcher;
    private final Readiness readiness;

    Starter(SuiteEnv env) {
        this.env = env;
        this.run = env.run();
        this.launcher = new Launcher(env);
        this.readiness = new Readiness(env);
    }

    /** {@code ./sns start <name>}: starts it again (an instance on a free port, the rest on theirs) and awaits it. */
    void startCommand(String name) throws IOException {
        String given = name == null ? "" : name;
        switch (given) {
            case "infra-db", "infra-redis", "infra-kafka" -> {
                startInfra(given.substring("infra-".length()));
                readiness.awaitInfra(given);
            }
            case "gateway" -> {
                requireStopped(given);
                startGateway();
                readiness.awaitInstance(given);
            }
            default -> {
                String service = Instance.serviceOf(given).orElseThrow(() -> new SuiteException(
                        "usage: ./sns start <infra-db|infra-redis|infra-kafka|gateway|<service>-<n>>"));
                if (!SuiteEnv.SERVICES.contains(service)) {
                    throw new SuiteException("unknown service " + service);
                }
                requireStopped(given);
                startInstance(service, Integer.parseInt(given.substring(service.length() + 1)));
                readiness.awaitInstance(given);
            }
        }
        Say.say(given + " started");
    }

    /** One process per component (db, redis, kafka), so that each can be stopped and started alone. */
    void startInfra(String component) throws IOException {
        int port = env.infraPort(component);
        Say.say("starting " + component + " on port " + port);
        launcher.launch("infra-" + component, port, "local-infra", List.of(component));
    }

    /** Instance #1 on its usual port unless that is taken, every other one on a free port. */
    void startInstance(String service, int index) throws IOException {
        int port = Ports.free(index == 1 ? defaultPort(service) : 0, run);
        launcher.launch(service + "-" + index, port, service, List.of());
        Say.say(service + " #" + index + " starting on port " + port);
    }

    void startGateway() throws IOException {
        launcher.launch("gateway", env.gatewayPort(), "gateway-service",
                List.of("--management.server.port=" + env.gatewayManagementPort()));
    }

    private int defaultPort(String service) {
        return env.port(SuiteEnv.serviceVariable(service, "PORT"), USUAL_PORTS.getOrDefault(service, 0));
    }

    private void requireStopped(String name) {
        if (run.alive(name)) {
            throw new SuiteException(name + " is running");
        }
    }
}

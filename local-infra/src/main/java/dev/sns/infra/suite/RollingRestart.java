package dev.sns.infra.suite;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * {@code ./sns restart <service>}: a rolling restart without dropping a request. Each instance in turn is taken out
 * of the registry, drained while the gateway's view catches up (Eureka fetch 5 s + response cache 3 s +
 * load-balancer cache 5 s: {@code SNS_DRAIN_SECONDS}, 15), stopped gracefully (in-flight requests finish), started
 * again on the same port, and awaited before the next one. {@code ./sns restart discovery} restarts the registry in
 * place: while it is away every client keeps routing on its cached registry (the gateway keeps serving), and each
 * instance registers again on its first heartbeat after it is back (404, then a registration).
 */
final class RollingRestart {

    private final SuiteEnv env;
    private final RunDir run;
    private final Launcher launcher;
    private final Readiness readiness;
    private final Http http;

    RollingRestart(SuiteEnv env) {
        this.env = env;
        this.run = env.run();
        this.launcher = new Launcher(env);
        this.readiness = new Readiness(env);
        this.http = new Http(env);
    }

    void restart(String service) throws IOException {
        if ("discovery".equals(service)) {
            restartDiscovery();
            return;
        }
        if (!SuiteEnv.SERVICES.contains(service)) {
            throw new SuiteException("usage: ./sns restart <" + String.join("|", SuiteEnv.SERVICES) + "|discovery>");
        }
        requireRunning(run);
        Duration drain = Duration.ofSeconds(Long.parseLong(env.get("SNS_DRAIN_SECONDS", "15")));
        List<String> instances = run.instancesOf(service);
        for (String name : instances) {
            int port = run.port(name).orElseThrow(() -> new SuiteException(name + " has no port file"));
            String status = "/eureka/apps/" + service.toUpperCase() + "/localhost:" + service + ":" + port + "/status";
            Say.say(name + ": out of service, draining " + drain.toSeconds() + "s");
            if (!http.send("PUT", env.discoveryPort(), status + "?value=OUT_OF_SERVICE")) {
                Say.say(name + " was not registered");
            }
            Processes.sleep(drain);
            Processes.stop(run, name);
            // forget the override (gone with the lease, usually)
            http.send("DELETE", env.discoveryPort(), status + "?value=UP");
            launcher.launch(name, port, service, List.of());
            readiness.awaitInstance(name);
            readiness.await(name + " in Eureka", () -> http.registered(service) >= instances.size());
            Say.say(name + " restarted");
        }
    }

    private void restartDiscovery() throws IOException {
        requireRunning(run);
        Processes.stop(run, "discovery");
        launcher.launch("discovery", env.discoveryPort(), "discovery-service", List.of());
        readiness.awaitInstance("discovery");
        for (String service : SuiteEnv.SERVICES) {
            int count = run.instancesOf(service).size();
            readiness.await(service + " in Eureka again", () -> http.registered(service) >= count);
        }
        readiness.await("gateway in Eureka again", () -> http.registered("gateway-service") >= 1);
        Say.say("discovery restarted");
    }

    static void requireRunning(RunDir run) {
        if (!run.alive("discovery")) {
            throw new SuiteException("the suite is not running (./sns up)");
        }
    }
}

package dev.sns.infra.suite;

import java.io.IOException;

/** {@code ./sns scale <service> <n>}: starts the missing instances on free ports, or stops the highest-numbered. */
final class Scaler {

    private final SuiteEnv env;
    private final RunDir run;
    private final Starter starter;
    private final Readiness readiness;
    private final Http http;

    Scaler(SuiteEnv env) {
        this.env = env;
        this.run = env.run();
        this.starter = new Starter(env);
        this.readiness = new Readiness(env);
        this.http = new Http(env);
    }

    void scale(String service, String count) throws IOException {
        if (!SuiteEnv.SERVICES.contains(service)) {
            throw new SuiteException("usage: ./sns scale <" + String.join("|", SuiteEnv.SERVICES) + "> <n>");
        }
        if (count == null || !count.matches("[1-9][0-9]*")) {
            throw new SuiteException("instance count must be >= 1");
        }
        int wanted = Integer.parseInt(count);
        RollingRestart.requireRunning(run);
        int current = run.instancesOf(service).size();
        for (int index = current + 1; index <= wanted; index++) {
            starter.startInstance(service, index);
        }
        for (int index = current + 1; index <= wanted; index++) {
            readiness.awaitInstance(service + "-" + index);
        }
        for (int index = current; index > wanted; index--) {
            Processes.stop(run, service + "-" + index);
        }
        readiness.await(service + " in Eureka", () -> http.registered(service) == wanted);
        Say.say(service + " runs " + wanted + " instance(s)");
    }
}

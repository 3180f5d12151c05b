package dev.sns.infra.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting until a process is ready: an instance when its {@code /readyz} says UP, an infrastructure process when
 * it printed {@code INFRA READY} (local-infra's {@code LocalInfraMain}), a service when the registry counts its
 * instances. A process that exits meanwhile fails the wait at once instead of running into the timeout.
 */
final class Readiness {

    private final SuiteEnv env;
    private final RunDir run;
    private final Http http;

    Readiness(SuiteEnv env) {
        this.env = env;
        this.run = env.run();
        this.http = new Http(env);
    }

    /** Polls every second for {@code SNS_WAIT_SECONDS}. */
    void await(String what, BooleanSupplier ready) {
        Duration patience = env.patience();
        long deadline = System.nanoTime() + patience.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new SuiteException(what + " did not become ready within " + patience.toSeconds() + "s (see "
                        + env.logs() + ")");
            }
            Processes.sleep(Duration.ofSeconds(1));
        }
    }

    void awaitInstance(String name) {
        await(name, () -> instanceReady(name));
    }

    void awaitInfra(String name) {
        await(name, () -> infraReady(name));
    }

    boolean instanceReady(String name) {
        requireAlive(name);
        return run.port(name).filter(http::ready).isPresent();
    }

    boolean infraReady(String name) {
        requireAlive(name);
        try {
            Path log = env.logs().resolve(name + ".log");
            return Files.isRegularFile(log) && Files.readString(log).contains("INFRA READY");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireAlive(String name) {
        if (!run.alive(name)) {
            throw new SuiteException(name + " exited (see " + env.logs().resolve(name + ".log") + ")");
        }
    }
}

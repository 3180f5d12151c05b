package dev.sns.infra.suite;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Stops the processes of the suite. Each was started as the leader of a session of its own ({@code setsid}), so its
 * process group id is its pid: signalling the group reaches its children too (the database and Redis server binaries
 * that local-infra runs), even after the leader is gone.
 */
final class Processes {

    /** How long a graceful stop may take (Spring's graceful shutdown, Kafka's controlled shutdown) before SIGKILL. */
    static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private Processes() {
    }

    /** SIGTERM, up to {@link #STOP_LIMIT} to exit, SIGKILL to its group if it did not; then its files go. */
    static void stop(RunDir run, String name) {
        OptionalLong recorded = run.pid(name);
        if (recorded.isEmpty()) {
            return; // never started, or starting (its port file comes first): nothing to stop
        }
        long pid = recorded.getAsLong();
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(process -> {
            process.destroy();
            if (!exited(process, STOP_LIMIT)) {
                Say.say(name + " did not stop in " + STOP_LIMIT.toSeconds() + " s, killing it");
                signalGroup("KILL", pid);
            }
        });
        signalGroup("TERM", pid); // whatever of its session is left
        run.remove(name);
    }

    private static boolean exited(ProcessHandle process, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(100));
        }
        return true;
    }

    /** {@code kill -<signal> -- -<pgid>}: the JDK signals single processes only. Fails quietly if the group is gone. */
    private static void signalGroup(String signal, long groupId) {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + groupId)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            Say.say("cannot signal process group " + groupId + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteException("interrupted");
        }
    }
}

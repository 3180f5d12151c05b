package dev.sns.infra.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

    @TempDir
    Path home;

    @Test
    void stoppingAProcessStopsItsWholeSessionAndForgetsIt() throws IOException, InterruptedException {
        RunDir run = new RunDir(home.resolve("run"));
        Path childPid = home.resolve("child.pid");
        // a leader in a session of its own with a child of its own, as local-infra runs the database binary
        Process leader = new ProcessBuilder("setsid", "sh", "-c", "sleep 60 & echo $! > " + childPid + "; wait").start();
        run.writePort("infra-db", 20001);
        run.writePid("infra-db", leader.pid());
        awaitFile(childPid);
        long child = Long.parseLong(Files.readString(childPid).strip());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).contains(true);

        Processes.stop(run, "infra-db");

        assertThat(leader.waitFor(5, TimeUnit.SECONDS)).as("the leader exited").isTrue(); // reaped by this JVM
        awaitGone(child);
        assertThat(run.names()).isEmpty();
        assertThat(run.portTaken(20001)).isFalse();
    }

    @Test
    void aNameWithoutAPidFileIsLeftAlone() {
        RunDir run = new RunDir(home.resolve("run"));
        run.writePort("post-service-3", 20002); // starting: its pid file comes next
        Processes.stop(run, "post-service-3");
        assertThat(run.portTaken(20002)).isTrue();
    }

    private static void awaitFile(Path file) throws IOException {
        for (int i = 0; i < 100 && (!Files.exists(file) || Files.readString(file).isBlank()); i++) {
            Processes.sleep(Duration.ofMillis(50));
        }
    }

    private static void awaitGone(long pid) {
        for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Processes.sleep(Duration.ofMillis(50));
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("child %d alive", pid).isFalse();
    }
}

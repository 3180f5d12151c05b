package dev.sns.infra.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirTest {

    @TempDir
    Path home;

    @Test
    void writesTheOneLineFilesThatTheTestsAndTheBenchRead() throws IOException {
        RunDir run = new RunDir(home.resolve("run"));
        run.writePort("post-service-2", 20123);
        run.writePid("post-service-2", 4711);
        assertThat(Files.readString(home.resolve("run/post-service-2.port"))).isEqualTo("20123\n");
        assertThat(Files.readString(home.resolve("run/post-service-2.pid"))).isEqualTo("4711\n");
        assertThat(run.port("post-service-2")).contains(20123);
        assertThat(run.pid("post-service-2")).hasValue(4711);
        run.remove("post-service-2");
        assertThat(home.resolve("run")).isEmptyDirectory();
        assertThat(run.port("post-service-2")).isEmpty();
        assertThat(run.pid("post-service-2")).isEmpty();
    }

    @Test
    void listsTheInstancesOfAServiceInIndexOrderAndNothingElse() {
        RunDir run = new RunDir(home.resolve("run"));
        for (String name : new String[] {"post-service-10", "post-service-2", "post-service-1", "user-service-1",
                "gateway", "infra-db"}) {
            run.writePid(name, 1);
        }
        run.writePort("post-service-3", 1); // starting: its port file comes first, it is not listed before its pid
        assertThat(run.instancesOf("post-service")).containsExactly("post-service-1", "post-service-2", "post-service-10");
        assertThat(run.instancesOf("alarm-service")).isEmpty();
        assertThat(run.names()).containsExactly("gateway", "infra-db", "post-service-1", "post-service-10",
                "post-service-2", "user-service-1");
    }

    @Test
    void aPortIsTakenWhileAnyPortFileNamesIt() {
        RunDir run = new RunDir(home.resolve("run"));
        assertThat(run.portTaken(20001)).isFalse();
        run.writePort("user-service-1", 20001);
        assertThat(run.portTaken(20001)).isTrue();
        assertThat(run.portTaken(2000)).isFalse();
        run.remove("user-service-1");
        assertThat(run.portTaken(20001)).isFalse();
    }

    @Test
    void aMissingFolderIsAnEmptySuiteAndOnlyTheOwnProcessIsAlive() {
        RunDir run = new RunDir(home.resolve("nothing-here"));
        assertThat(run.exists()).isFalse();
        assertThat(run.names()).isEmpty();
        assertThat(run.alive("gateway")).isFalse();
        RunDir own = new RunDir(home.resolve("run"));
        own.writePid("me", ProcessHandle.current().pid());
        own.writePid("gone", Long.MAX_VALUE);
        assertThat(own.alive("me")).isTrue();
        assertThat(own.alive("gone")).isFalse();
        assertThat(own.names()).containsExactly("gone", "me");
    }
}

package dev.sns.infra.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsAndAotTest {

    @Test
    void thePreferredPortUnlessTakenElseTheNextFreeOneFromTheOffsetWrappingAround() {
        Set<Integer> taken = Set.of(8082, 20005, 20006, 29999);
        assertThat(Ports.free(8081, taken::contains, 5)).isEqualTo(8081);
        assertThat(Ports.free(8082, taken::contains, 5)).isEqualTo(20007);
        assertThat(Ports.free(0, taken::contains, 3)).isEqualTo(20003);
        assertThat(Ports.free(0, taken::contains, 9999)).isEqualTo(20000);
        assertThatThrownBy(() -> Ports.free(0, port -> true, 0)).hasMessage("no free port");
    }

    @Test
    void theChecksumIsWhatCksumPrintsForTheFilesContent(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("jar");
        Files.writeString(file, "123456789", StandardCharsets.US_ASCII);
        assertThat(Aot.cksum(file)).isEqualTo("930766865 9"); // coreutils' `printf 123456789 | cksum`
    }

    @Test
    void anAotCacheIsUsedOnlyWhenItsExtractedJarIsOfTheExecJarsContent(@TempDir Path target) throws IOException {
        Path execJar = target.resolve("post-service-1.0.0-SNAPSHOT-exec.jar");
        Files.writeString(execJar, "jar content");
        Aot aot = new Aot(execJar);
        assertThat(aot.dir()).isEqualTo(target.resolve("post-service-1.0.0-SNAPSHOT-aot"));
        assertThat(aot.jar()).isEqualTo(aot.dir().resolve("post-service-1.0.0-SNAPSHOT-exec.jar"));
        assertThat(aot.ready()).isFalse();
        Files.createDirectories(aot.dir());
        Files.writeString(aot.jar(), "extracted");
        Files.writeString(aot.cache(), "cache");
        Files.writeString(aot.dir().resolve("jar.cksum"), Aot.cksum(execJar) + "\n");
        assertThat(aot.ready()).isTrue();
        Files.writeString(execJar, "rebuilt with other content");
        assertThat(aot.ready()).isFalse();
        Files.writeString(aot.dir().resolve("jar.cksum"), Aot.cksum(execJar) + "\n");
        Files.writeString(aot.cache(), ""); // a training JVM killed before it wrote the cache
        assertThat(aot.ready()).isFalse();
    }
}

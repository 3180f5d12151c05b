package dev.sns.infra.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    private static final String OPTIONS = "-Xms64m -Xmx384m  -XX:+UseSerialGC -Xshare:auto";

    @TempDir
    Path root;

    @Test
    void aModuleWithACurrentCacheStartsFromItsExtractedJarWithTheCacheInsteadOfTheCdsArchive() throws IOException {
        SuiteEnv env = env("1");
        Aot aot = new Aot(env.jar("post-service"));
        Files.createDirectories(aot.dir());
        Files.writeString(env.jar("post-service"), "exec jar");
        Files.writeString(aot.jar(), "extracted");
        Files.writeString(aot.cache(), "cache");
        Files.writeString(aot.dir().resolve("jar.cksum"), Aot.cksum(env.jar("post-service")) + "\n");
        Path aotLog = env.logs().resolve("aot/post-service-2.log");

        assertThat(new Launcher(env).javaArguments("post-service-2", "post-service")).containsExactly("-Xms64m",
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:AOTCache=" + aot.cache(),
                "-Xlog:aot=info:file=" + aotLog + "::filecount=0", "-jar", aot.jar().toString());
        assertThat(aotLog.getParent()).isDirectory();

        // SNS_AOT=0, or local-infra (never trained): the exec jar with the default flags, and no AOT log to report
        Files.writeString(aotLog, "Using AOT-linked classes: true");
        assertThat(new Launcher(env("0")).javaArguments("post-service-2", "post-service")).containsExactly("-Xms64m",
                "-Xmx384m", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", env.jar("post-service").toString());
        assertThat(aotLog).doesNotExist();
        assertThat(new Launcher(env).javaArguments("infra-db", "local-infra")).endsWith("-Xshare:auto", "-jar",
                env.jar("local-infra").toString());
    }

    @Test
    void aModuleWithoutACacheStartsFromItsExecJar() throws IOException {
        SuiteEnv env = env("1");
        assertThat(new Launcher(env).javaArguments("user-service-1", "user-service")).containsExactly("-Xms64m",
                "-Xmx384m", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", env.jar("user-service").toString());
    }

    private SuiteEnv env(String aot) throws IOException {
        Files.createDirectories(root.resolve("post-service/target"));
        return new SuiteEnv(root, root.resolve("home"), Map.of("SNS_JAVA_OPTS", OPTIONS, "SNS_AOT", aot));
    }
}

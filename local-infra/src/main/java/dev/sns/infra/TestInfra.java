package dev.sns.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The dependencies for a test JVM: started once on free ports in a temporary folder, stopped (and the folder
 * deleted) when the JVM ends.
 * Tests hand {@link #properties()} to Spring (e.g. from a {@code @DynamicPropertySource}); the services'
 * configuration resolves its {@code SNS_*} placeholders from them, exactly as in a local run.
 */
public final class TestInfra {

    private static Infra infra;

    private TestInfra() {
    }

    public static synchronized Infra.Endpoints endpoints() {
        if (infra == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("sns-test-infra");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Infra started = Infra.start(dir, EnumSet.allOf(Infra.Component.class), Ports.free(), Ports.free(),
                    Ports.free(), true);
            infra = started;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                delete(dir); // ~350 MB (the database's files, Kafka's logs) per test JVM otherwise
            }));
        }
        return infra.endpoints();
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover folder in the temporary directory is no reason to fail the JVM's exit
        }
    }

    public static Map<String, String> properties() {
        return endpoints().environment();
    }
}

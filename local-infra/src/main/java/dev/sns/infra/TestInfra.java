package dev.sns.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Map;

/**
 * The dependencies for a test JVM: started once on free ports in a temporary folder, stopped when the JVM ends.
 * Tests hand {@link #properties()} to Spring (e.g. from a {@code @DynamicPropertySource}); the services'
 * configuration resolves its {@code SNS_*} placeholders from them, exactly as in a local run.
 */
public final class TestInfra {

    private static Infra infra;

    private TestInfra() {
    }

    public static synchronized Infra.Endpoints endpoints() {
        if (infra == null) {
            try {
                infra = Infra.start(Files.createTempDirectory("sns-test-infra"), EnumSet.allOf(Infra.Component.class),
                        Ports.free(), Ports.free(), Ports.free(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(infra::close));
        }
        return infra.endpoints();
    }

    public static Map<String, String> properties() {
        return endpoints().environment();
    }
}

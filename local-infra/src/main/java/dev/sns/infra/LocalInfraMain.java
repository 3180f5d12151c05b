package dev.sns.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs dependencies until stopped (SIGTERM): used by {@code ./sns up}, one process per component ({@code db},
 * {@code redis}, {@code kafka} as arguments; none means all) so each can be stopped and started on its own. Ports
 * and folder come from the environment ({@code SNS_DB_PORT}, {@code SNS_REDIS_PORT}, {@code SNS_KAFKA_PORT},
 * {@code SNS_INFRA_DIR}).
 */
public final class LocalInfraMain {

    private LocalInfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(System.getenv().getOrDefault("SNS_INFRA_DIR", ".sns/infra")).toAbsolutePath();
        CountDownLatch stopped = new CountDownLatch(1);
        Set<Infra.Component> components = args.length == 0 ? EnumSet.allOf(Infra.Component.class)
                : Arrays.stream(args).map(a -> Infra.Component.valueOf(a.toUpperCase())).collect(Collectors.toSet());
        Infra infra = Infra.start(dir, components, port("SNS_DB_PORT", 3306), port("SNS_REDIS_PORT", 6379),
                port("SNS_KAFKA_PORT", 9092), false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infra.close();
            stopped.countDown();
        }));
        // ./sns reads the variables from this line (one KEY=value per word)
        StringBuilder ready = new StringBuilder("INFRA READY");
        infra.endpoints().environment().forEach((key, value) -> ready.append(' ').append(key).append('=').append(value));
        System.out.println(ready);
        stopped.await();
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}

package dev.sns.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the dependencies until stopped (SIGTERM): used by {@code ./sns up}. Ports and folder come from the
 * environment ({@code SNS_DB_PORT}, {@code SNS_REDIS_PORT}, {@code SNS_KAFKA_PORT}, {@code SNS_INFRA_DIR}).
 */
public final class LocalInfraMain {

    private LocalInfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Infra.Endpoints wanted = new Infra.Endpoints(
                port("SNS_DB_PORT", 3306), port("SNS_REDIS_PORT", 6379), port("SNS_KAFKA_PORT", 9092));
        Path dir = Path.of(System.getenv().getOrDefault("SNS_INFRA_DIR", ".sns/infra")).toAbsolutePath();
        CountDownLatch stopped = new CountDownLatch(1);
        Infra infra = Infra.start(dir, wanted);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infra.close();
            stopped.countDown();
        }));
        System.out.println("INFRA READY " + infra.endpoints().environment());
        stopped.await();
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}

package dev.sns.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful dependencies of the suite (MySQL-compatible database, Redis, Kafka) on 127.0.0.1. Whatever already
 * listens on a wanted port is reused and left alone; the rest is started here and stopped by {@link #close()}.
 */
public final class Infra implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infra.class);

    /** Where the three dependencies listen. */
    public record Endpoints(int dbPort, int redisPort, String kafkaServers) {

        /** The variables the services' configuration (config-repo) reads to find the dependencies. */
        public Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SNS_DB_HOST", "127.0.0.1");
            env.put("SNS_DB_PORT", String.valueOf(dbPort));
            env.put("SNS_REDIS_HOST", "127.0.0.1");
            env.put("SNS_REDIS_PORT", String.valueOf(redisPort));
            env.put("SNS_KAFKA_SERVERS", kafkaServers);
            return env;
        }
    }

    private final Endpoints endpoints;
    private final List<Service> started;

    private Infra(Endpoints endpoints, List<Service> started) {
        this.endpoints = endpoints;
        this.started = started;
    }

    /**
     * Starts what does not already listen on the given ports. The embedded Kafka broker picks its own port (the
     * KRaft test kit ignores a requested one), so {@link #endpoints()} tells where it really is.
     */
    public static Infra start(Path dir, int dbPort, int redisPort, int kafkaPort) {
        List<Service> started = new ArrayList<>();
        try {
            started.add(reuseOr("database", dbPort, () -> Database.start(dir.resolve("db"), dbPort)));
            started.add(reuseOr("redis", redisPort, () -> Redis.start(dir.resolve("redis"), redisPort)));
            Service kafka = reuseOr("kafka", kafkaPort, Kafka::start);
            started.add(kafka);
            String kafkaServers = kafka instanceof Kafka.Broker broker ? broker.bootstrapServers() : "127.0.0.1:" + kafkaPort;
            return new Infra(new Endpoints(dbPort, redisPort, kafkaServers), started);
        } catch (RuntimeException e) {
            started.reversed().forEach(Service::close);
            throw e;
        }
    }

    private static Service reuseOr(String name, int port, java.util.function.Supplier<Service> starter) {
        if (Ports.listening(port)) {
            log.info("{}: something already listens on 127.0.0.1:{}, reusing it", name, port);
            return Service.EXTERNAL;
        }
        long begin = System.nanoTime();
        Service service = starter.get();
        log.info("{}: started in {} ms", name, (System.nanoTime() - begin) / 1_000_000);
        return service;
    }

    /**
     * Ignore installed server binaries and use the embedded ones ({@code -Dsns.infra.embedded=true} or
     * {@code SNS_INFRA_EMBEDDED=true}): how a machine with only a JDK runs, checkable on any machine.
     */
    static boolean embeddedOnly() {
        return Boolean.getBoolean("sns.infra.embedded") || "true".equalsIgnoreCase(System.getenv("SNS_INFRA_EMBEDDED"));
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        started.reversed().forEach(Service::close);
    }
}

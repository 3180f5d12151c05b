package dev.sns.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** The dependencies {@link #start} can run. */
    public enum Component { DB, REDIS, KAFKA }

    /**
     * Starts the given components unless something already listens on their ports. With {@code testBroker} Kafka is
     * spring-kafka-test's in-JVM broker (fast, on a port it picks: {@link #endpoints()} tells which); otherwise a KRaft
     * server on the given port that keeps its data in {@code dir}.
     */
    public static Infra start(Path dir, Set<Component> components, int dbPort, int redisPort, int kafkaPort,
                              boolean testBroker) {
        List<Service> started = new ArrayList<>();
        try {
            if (components.contains(Component.DB)) {
                started.add(reuseOr("database", dbPort, () -> Database.start(dir.resolve("db"), dbPort)));
            }
            if (components.contains(Component.REDIS)) {
                started.add(reuseOr("redis", redisPort, () -> Redis.start(dir.resolve("redis"), redisPort)));
            }
            String kafkaServers = "127.0.0.1:" + kafkaPort;
            if (components.contains(Component.KAFKA)) {
                Service kafka = reuseOr("kafka", kafkaPort,
                        () -> testBroker ? Kafka.embedded() : Kafka.server(dir.resolve("kafka"), kafkaPort));
                started.add(kafka);
                if (kafka instanceof Kafka.Broker broker) {
                    kafkaServers = broker.bootstrapServers();
                }
            }
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

package dev.sns.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A single-node Kafka broker in KRaft mode (no ZooKeeper), in this JVM. */
final class Kafka {

    private Kafka() {
    }

    /** A running broker and the address clients bootstrap from. */
    interface Broker extends Service {
        String bootstrapServers();
    }

    /**
     * A real KRaft server (the same classes the Kafka distribution runs) on a fixed port, its data in {@code dir}, so
     * it survives restarts and can be stopped and started again at the same address: what {@code ./sns} runs.
     */
    static Broker server(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("server.properties");
            Properties properties = serverProperties(dir, port, Ports.free());
            try (Writer out = Files.newBufferedWriter(config)) {
                properties.store(out, "single-node KRaft broker for local runs");
            }
            if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
                format(config);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
            server.startup();
            Ports.await("Kafka on port " + port, Duration.ofSeconds(60), () -> Ports.listening(port));
            return new Broker() {
                @Override
                public String bootstrapServers() {
                    return "127.0.0.1:" + port;
                }

                @Override
                public void close() {
                    server.shutdown();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties serverProperties(Path dir, int port, int controllerPort) {
        Properties properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                Map.entry("log.dirs", dir.resolve("logs").toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.cleaner.dedupe.buffer.size", "16777216")));
        return properties;
    }

    private static void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                new PrintStream(output, true));
        if (code != 0) {
            throw new IllegalStateException("Formatting Kafka's storage failed: " + output);
        }
    }

    /** spring-kafka-test's in-JVM broker, for tests: starts fastest, on a port of its own choosing. */
    static Broker embedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0",
                "log.cleaner.dedupe.buffer.size", "16777216"));
        broker.afterPropertiesSet();
        return new Broker() {
            @Override
            public String bootstrapServers() {
                return broker.getBrokersAsString();
            }

            @Override
            public void close() {
                broker.destroy();
            }
        };
    }
}

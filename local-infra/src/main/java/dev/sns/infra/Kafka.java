package dev.sns.infra;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A single-node Kafka broker in KRaft mode (no ZooKeeper), in this JVM. */
final class Kafka {

    private Kafka() {
    }

    /** A running broker and the address it listens on. */
    record Broker(EmbeddedKafkaKraftBroker broker) implements Service {

        String bootstrapServers() {
            return broker.getBrokersAsString();
        }

        @Override
        public void close() {
            broker.destroy();
        }
    }

    static Broker start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0",
                "log.cleaner.dedupe.buffer.size", "16777216"));
        broker.afterPropertiesSet();
        return new Broker(broker);
    }
}

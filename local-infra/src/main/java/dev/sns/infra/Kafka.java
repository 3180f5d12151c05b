package dev.sns.infra;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A single-node Kafka broker in KRaft mode (no ZooKeeper), in this JVM. */
final class Kafka {

    private Kafka() {
    }

    static Service start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.kafkaPorts(port);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0",
                "log.cleaner.dedupe.buffer.size", "16777216"));
        broker.afterPropertiesSet();
        return broker::destroy;
    }
}

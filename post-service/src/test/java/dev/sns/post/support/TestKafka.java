package dev.sns.post.support;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The Kafka of this test JVM: an embedded KRaft broker behind a {@link TcpProxy}, so that it has a fixed address
 * (spring-kafka-test 4.0 ignores fixed ports for KRaft brokers) and can be destroyed and replaced by a new broker
 * on the same address. The broker advertises the proxy's address, so clients never bypass it.
 */
public final class TestKafka {

    private static final int PARTITIONS = 3;
    private static final TcpProxy proxy = new TcpProxy();
    private static EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            startNew();
        }
        return "127.0.0.1:" + proxy.port();
    }

    /** Kafka goes down: connections cut, the broker and all its data gone. */
    public static synchronized void destroy() {
        proxy.stop();
        if (broker != null) {
            broker.destroy();
            broker = null;
        }
    }

    /** A new, empty broker behind the same address. */
    public static synchronized void startNew() {
        EmbeddedKafkaKraftBroker fresh = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        fresh.brokerProperties(Map.of(
                "advertised.listeners", "EXTERNAL://127.0.0.1:" + proxy.port(),
                "auto.create.topics.enable", "true",
                "log.cleaner.dedupe.buffer.size", "16777216"));
        fresh.afterPropertiesSet();
        String actual = fresh.getBrokersAsString();
        proxy.start(Integer.parseInt(actual.substring(actual.lastIndexOf(':') + 1)));
        broker = fresh;
    }
}

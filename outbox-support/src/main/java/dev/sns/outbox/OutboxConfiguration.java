package dev.sns.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.support.ProducerListener;

/**
 * The transactional outbox of a service that publishes events (post-service, user-service): switched on by the
 * dependency alone. Before Boot's Kafka auto-configuration, so that its logging producer listener stays out.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(OutboxProperties.class)
@Import({Outbox.class, OutboxRepository.class, OutboxRelay.class, OutboxPurge.class, OutboxTracing.class})
public class OutboxConfiguration {

    /** Created at startup when missing (KafkaAdmin); an existing topic is left as it is. */
    @Bean
    NewTopic outboxTopic(OutboxProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.topicPartitions())
                .replicas(properties.topicReplicas())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.topicMinInsyncReplicas()))
                .build();
    }

    /**
     * Replaces Boot's LoggingProducerListener, which logs every failed record with its payload: during a Kafka outage
     * that is one ERROR per row and round. {@link OutboxRelay} logs when publishing starts and stops failing instead.
     */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        return new ProducerListener<>() {
        };
    }

    /**
     * Rows waiting for Kafka, as the relay's last round saw them: a scrape of the metrics costs no query (the relay
     * counts them, on the published_at index, only after a round that did not drain the table).
     */
    @Bean
    MeterBinder outboxBacklog(OutboxRelay relay) {
        return registry -> Gauge.builder("sns.outbox.backlog", relay, OutboxRelay::backlog)
                .description("Outbox rows not yet published to Kafka")
                .register(registry);
    }
}

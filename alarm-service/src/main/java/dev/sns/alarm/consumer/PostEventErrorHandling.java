package dev.sns.alarm.consumer;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens when a post event cannot be handled. Poison messages (not JSON, unknown type, missing fields) fail in
 * the {@code ErrorHandlingDeserializer} and go to the dead-letter topic at once, as the bytes that arrived. A
 * transient database failure is retried with growing back-off for as long as it lasts: dead-lettering would lose the
 * alarm, and no other message of the partition could be stored meanwhile anyway. Anything else is tried
 * {@code attempts} times, then dead-lettered, so one bad message never blocks its partition.
 * <p>
 * The listener takes batches; it names the failing record with a {@code BatchListenerFailedException}, and this
 * handler then commits the records before it, applies all of the above to that record alone and redelivers the rest.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PostEventsProperties.class)
class PostEventErrorHandling {

    /**
     * The only producer of this service writes dead letters: the original bytes of an undeserializable message, or
     * the event as JSON (no type headers) when handling it failed.
     */
    @Bean
    DefaultKafkaProducerFactory<Object, Object> kafkaProducerFactory(KafkaProperties kafka) {
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties());
        factory.setValueSerializer(new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(),
                PostEvent.class, new JacksonJsonSerializer<PostEvent>().noTypeInfo())));
        return factory;
    }

    @Bean
    DefaultErrorHandler postEventErrorHandler(KafkaTemplate<Object, Object> template, PostEventsProperties properties) {
        // partition -1: let the producer pick one, so the dead-letter topic may have fewer partitions than the source
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(properties.deadLetterTopic(), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters,
                new FixedBackOff(properties.retryInitial().toMillis(), Math.max(properties.attempts() - 1, 0)));
        ExponentialBackOff untilItPasses = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
        untilItPasses.setMaxInterval(properties.retryMax().toMillis());
        handler.setBackOffFunction((record, failure) -> TransientFailures.isTransient(failure) ? untilItPasses : null);
        return handler;
    }

    /** Created at startup when missing, as durable as the events' topic: a dead letter is an alarm not yet lost. */
    @Bean
    NewTopic postEventsDeadLetterTopic(PostEventsProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic())
                .partitions(properties.deadLetterPartitions())
                .replicas(properties.deadLetterReplicas())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.deadLetterMinInsyncReplicas()))
                .build();
    }
}

package dev.sns.alarm.consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.stereotype.Component;

/**
 * One consumer observation per post event, which Spring Kafka makes only for record listeners: the same
 * {@code spring.kafka.listener} observation it made before the listener took batches, so each event's consumer span
 * continues the trace of its like or comment from the record's {@code traceparent} header, and the fan-out publish
 * and push of its alarm are spans of that trace.
 * <p>
 * As a container customizer it switches off the container's own timer, which for a batch listener times each batch
 * under the same name {@code spring.kafka.listener} but with other tags (Prometheus keeps one set of tags per name).
 */
@Component
class PostEventObservations implements ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> {

    /** The id of {@link PostEventListener}'s container. */
    static final String LISTENER_ID = "post-events";

    private final ObservationRegistry registry;
    private final String groupId;

    PostEventObservations(ObservationRegistry registry, KafkaProperties kafka) {
        this.registry = registry;
        this.groupId = kafka.getConsumer().getGroupId();
    }

    /** Starts the observation of handling this record; the caller stops it once the record's alarm is pushed. */
    Observation start(ConsumerRecord<?, ?> record) {
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, LISTENER_ID, null, groupId, () -> null), registry).start();
    }

    @Override
    public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
        container.getContainerProperties().setMicrometerEnabled(false);
    }
}

package dev.sns.alarm.consumer;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes post events in the consumer group of {@code spring.kafka.consumer.group-id}. Failures are handled by
 * {@link PostEventErrorHandling}: retried with back-off, then dead-lettered.
 */
@Component
class PostEventListener {

    private final PostEventHandler handler;

    PostEventListener(PostEventHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(topics = "${sns.alarm.events.topic:sns.post-events}")
    void on(PostEvent event) {
        handler.handle(event);
    }
}

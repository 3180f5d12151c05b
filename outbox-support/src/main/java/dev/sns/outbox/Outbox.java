package dev.sns.outbox;

import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a service records an event for Kafka: a row of {@code outbox_events}, inside the caller's transaction, so the
 * event exists if and only if the change it announces does. {@link OutboxRelay} publishes it after the commit, to the
 * topic {@code sns.outbox.topic} (docs/events.md).
 */
public class Outbox {

    private final OutboxRepository outbox;
    private final OutboxProperties properties;
    private final JsonMapper json;
    private final ApplicationEventPublisher publisher;
    private final OutboxTracing tracing;

    Outbox(OutboxRepository outbox, OutboxProperties properties, JsonMapper json, ApplicationEventPublisher publisher,
           OutboxTracing tracing) {
        this.outbox = outbox;
        this.properties = properties;
        this.json = json;
        this.publisher = publisher;
        this.tracing = tracing;
    }

    /**
     * @param eventId   the event's idempotency key (consumers deduplicate by it)
     * @param key       the record key: every event of one key lands in one partition, in order
     * @param event     serialised to JSON as it is
     * @param createdAt when the change happened (the row's {@code created_at}; {@code Timestamps.now})
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String eventId, String key, Object event, Instant createdAt) {
        long id = outbox.insert(eventId, properties.topic(), key, json.writeValueAsString(event), createdAt,
                tracing.currentTraceParent());
        publisher.publishEvent(new OutboxAppended(id));
    }
}

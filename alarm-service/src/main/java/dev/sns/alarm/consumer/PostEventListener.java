package dev.sns.alarm.consumer;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes post events in batches (whatever one poll returns) in the consumer group of
 * {@code spring.kafka.consumer.group-id}: a batch costs one insert and one fan-out message instead of one of each per
 * event. A failure names the record it belongs to ({@link BatchListenerFailedException}), so that the error handler
 * of {@link PostEventErrorHandling} commits the records before it, retries or dead-letters that record only, and
 * redelivers the rest.
 */
@Component
class PostEventListener {

    private static final LogAccessor log = new LogAccessor(PostEventListener.class);

    private final PostEventHandler handler;

    PostEventListener(PostEventHandler handler) {
        this.handler = handler;
    }

    // idIsGroup = false: the group is spring.kafka.consumer.group-id, the id only names the container
    @KafkaListener(id = PostEventObservations.LISTENER_ID, idIsGroup = false, batch = "true",
            topics = {"${sns.alarm.events.topic:sns.post-events}", "${sns.alarm.events.follow-topic:sns.follow-events}"})
    void on(List<ConsumerRecord<String, PostEvent>> records) {
        int unreadable = firstUnreadable(records);
        handle(records.subList(0, unreadable));
        if (unreadable < records.size()) {
            ConsumerRecord<String, PostEvent> poison = records.get(unreadable);
            // not retryable: the error handler dead-letters it at once, as the bytes that arrived
            throw new BatchListenerFailedException("Unreadable post event " + KafkaUtils.format(poison),
                    deserializationFailure(poison), unreadable);
        }
    }

    /** Handles the records, which all start the batch; on failure names the record to retry or dead-letter. */
    private void handle(List<ConsumerRecord<String, PostEvent>> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            handler.handle(records);
        } catch (RuntimeException e) {
            if (records.size() == 1 || TransientFailures.isTransient(e)) {
                // the database is away: the whole batch waits, from its first record, for as long as it takes
                throw new BatchListenerFailedException("Cannot handle " + KafkaUtils.format(records.getFirst()), e, 0);
            }
            // something in one event fails the batch: one at a time, so only that one is retried and dead-lettered
            for (int i = 0; i < records.size(); i++) {
                try {
                    handler.handle(records.subList(i, i + 1));
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException("Cannot handle " + KafkaUtils.format(records.get(i)),
                            failure, i);
                }
            }
        }
    }

    /**
     * The index of the first record the {@code ErrorHandlingDeserializer} could not read (its value is null, the
     * failure is in a header), or the size of the batch. With a batch listener the container leaves that to us.
     */
    private static int firstUnreadable(List<ConsumerRecord<String, PostEvent>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).value() == null) {
                return i;
            }
        }
        return records.size();
    }

    private static DeserializationException deserializationFailure(ConsumerRecord<String, PostEvent> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
        return failure != null ? failure
                : new DeserializationException("A record without a value", new byte[0], false, null);
    }
}

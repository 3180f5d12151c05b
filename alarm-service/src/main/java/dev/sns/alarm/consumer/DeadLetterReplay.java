package dev.sns.alarm.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.log.LogAccessor;
import org.springframework.stereotype.Component;

/**
 * Puts the dead letters back on the events' topic, once the reason they failed is fixed. It reads the dead-letter
 * topic in a consumer group of its own ({@code sns.alarm.events.replay-group}) from that group's last committed
 * offset up to the end the topic had when the replay started, re-publishes each record as it is (key, bytes, headers
 * but the dead-letter ones), and commits once all of them are acknowledged. So a replay sends each dead letter once;
 * a replay that dies half-way sends some again next time, which the consumer's event-id idempotence absorbs (an alarm
 * is stored once per event id). A record that fails again is dead-lettered again, behind the replayed range, for the
 * next replay. One replay at a time per instance; run it on one instance (docs/deployment.md).
 */
@Component
public class DeadLetterReplay {

    private static final LogAccessor log = new LogAccessor(DeadLetterReplay.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What a replay did: how many records it re-published from where to where. */
    public record Replayed(long records, String from, String to) {
    }

    private final KafkaProperties kafka;
    private final PostEventsProperties events;
    private final String group;

    DeadLetterReplay(KafkaProperties kafka, PostEventsProperties events,
                     @Value("${sns.alarm.events.replay-group:alarm-service-dlt-replay}") String group) {
        this.kafka = kafka;
        this.events = events;
        this.group = group;
    }

    public synchronized Replayed replay() {
        Map<String, Object> consumerConfig = new HashMap<>(kafka.buildConsumerProperties());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        Map<String, Object> producerConfig = new HashMap<>(kafka.buildProducerProperties());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            List<TopicPartition> partitions = partitions(consumer);
            if (partitions.isEmpty()) {
                return new Replayed(0, events.deadLetterTopic(), events.topic());
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Dead-letter replay did not reach the end of "
                            + events.deadLetterTopic() + " in " + TIMEOUT + "; nothing committed, run it again");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(partition)) {
                        sent.add(producer.send(new ProducerRecord<>(events.topic(), null, record.key(), record.value(),
                                replayedHeaders(record))));
                    }
                }
            }
            producer.flush();
            awaitAcknowledged(sent);
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            end.forEach((partition, offset) -> done.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(done, TIMEOUT);
            log.info(() -> "Replayed " + sent.size() + " dead letters from " + events.deadLetterTopic() + " to "
                    + events.topic());
            return new Replayed(sent.size(), events.deadLetterTopic(), events.topic());
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(events.deadLetterTopic(), TIMEOUT);
        return infos == null ? List.of()
                : infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    /** The record's own headers (trace context, ...) without what the dead-lettering added. */
    private static RecordHeaders replayedHeaders(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith("springDeserializerException")) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static void awaitAcknowledged(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Dead-letter replay: a record was not acknowledged; nothing committed, "
                    + "run it again (the consumer ignores what it already stored)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

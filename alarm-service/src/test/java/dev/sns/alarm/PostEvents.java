package dev.sns.alarm;

import dev.sns.alarm.consumer.PostEvent;
import dev.sns.alarm.consumer.PostEventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes post events the way post-service does: topic sns.post-events, key = post owner id, JSON value. */
final class PostEvents {

    static final String TOPIC = "sns.post-events";
    static final String DEAD_LETTER_TOPIC = "sns.post-events.DLT";
    /** user-service's follow events (key = follower id), which this service reads beside the post events. */
    static final String FOLLOW_TOPIC = "sns.follow-events";

    private static final AtomicLong OFFSETS = new AtomicLong();
    private static String servers;
    private static KafkaProducer<String, String> producer;

    private PostEvents() {
    }

    static String like(String eventId, long postId, long ownerId, long actorId) {
        return json(eventId, "NEW_LIKE_ON_POST", postId, ownerId, actorId, "");
    }

    static String comment(String eventId, long postId, long ownerId, long actorId) {
        return json(eventId, "NEW_COMMENT_ON_POST", postId, ownerId, actorId, ",\"commentId\":77");
    }

    static String json(String eventId, String type, long postId, long ownerId, long actorId, String extra) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"postId\":" + postId
                + ",\"postOwnerId\":" + ownerId + ",\"actorId\":" + actorId + ",\"actorName\":\"user" + actorId
                + "\",\"occurredAt\":\"" + Instant.now() + "\"" + extra + ",\"someFutureField\":{\"x\":1}}";
    }

    /** The event as the listener receives it from Kafka (no trace headers), for tests that hand a batch to the handler. */
    static ConsumerRecord<String, PostEvent> received(PostEvent event) {
        return new ConsumerRecord<>(TOPIC, 0, OFFSETS.incrementAndGet(), String.valueOf(event.postOwnerId()), event);
    }

    static PostEvent likeEvent(String eventId, long postId, long ownerId, long actorId) {
        return new PostEvent(eventId, PostEventType.NEW_LIKE_ON_POST, postId, ownerId, actorId, "user" + actorId, null,
                Instant.now());
    }

    static String newEventId() {
        return UUID.randomUUID().toString();
    }

    /** Sends and waits for the broker's acknowledgement. */
    static void send(long ownerId, String value) {
        send(ownerId, value, Map.of());
    }

    static String follow(String type, long followerId, long followeeId) {
        return "{\"eventId\":\"" + newEventId() + "\",\"type\":\"" + type + "\",\"followerId\":" + followerId
                + ",\"followerName\":\"user" + followerId + "\",\"followeeId\":" + followeeId + ",\"occurredAt\":\""
                + Instant.now() + "\"}";
    }

    /** A follow event as user-service publishes it: topic sns.follow-events, key = follower id. */
    static void sendFollow(long followerId, String value) {
        send(FOLLOW_TOPIC, followerId, value, Map.of());
    }

    /** Sends with these headers (e.g. the {@code traceparent} post-service's producer adds) and waits for the ack. */
    static void send(long ownerId, String value, Map<String, String> headers) {
        send(TOPIC, ownerId, value, headers);
    }

    private static void send(String topic, long key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, String.valueOf(key), value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The broker the service under test really uses: the embedded KRaft broker may listen elsewhere than
     * TestInfra's SNS_KAFKA_SERVERS and then publishes its address as {@code spring.kafka.bootstrap-servers}.
     */
    static synchronized void useBroker(String bootstrapServers) {
        servers = bootstrapServers;
    }

    static synchronized String broker() {
        return servers;
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}

package dev.sns.alarm;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes post events the way post-service does: topic sns.post-events, key = post owner id, JSON value. */
final class PostEvents {

    static final String TOPIC = "sns.post-events";
    static final String DEAD_LETTER_TOPIC = "sns.post-events.DLT";

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

    static String newEventId() {
        return UUID.randomUUID().toString();
    }

    /** Sends and waits for the broker's acknowledgement. */
    static void send(long ownerId, String value) {
        try {
            producer().send(new ProducerRecord<>(TOPIC, String.valueOf(ownerId), value)).get();
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

package dev.sns.timeline.support;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes post and follow events as post-service and user-service do (docs/events.md): topic, key and JSON. */
public final class Events {

    private static KafkaProducer<String, String> producer;

    private Events() {
    }

    public static synchronized void connect(String bootstrapServers) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        }
    }

    public static void postCreated(OtherServices.Post post) {
        post("POST_CREATED", post.id(), post.authorId(), post.authorId());
    }

    public static void postDeleted(OtherServices.Post post) {
        post("POST_DELETED", post.id(), post.authorId(), post.authorId());
    }

    public static void liked(OtherServices.Post post, long likerId) {
        post("NEW_LIKE_ON_POST", post.id(), post.authorId(), likerId);
    }

    public static void followed(long followerId, long followeeId) {
        follow("FOLLOWED", followerId, followeeId);
    }

    public static void unfollowed(long followerId, long followeeId) {
        follow("UNFOLLOWED", followerId, followeeId);
    }

    /** Any value on the post topic, e.g. one this service cannot read. */
    public static void raw(long key, String value) {
        send("sns.post-events", key, value);
    }

    private static void post(String type, long postId, long ownerId, long actorId) {
        send("sns.post-events", ownerId, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type
                + "\",\"postId\":" + postId + ",\"postOwnerId\":" + ownerId + ",\"actorId\":" + actorId
                + ",\"actorName\":\"user" + actorId + "\",\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    private static void follow(String type, long followerId, long followeeId) {
        send("sns.follow-events", followerId, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type
                + "\",\"followerId\":" + followerId + ",\"followerName\":\"user" + followerId + "\",\"followeeId\":"
                + followeeId + ",\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    private static void send(String topic, long key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, String.valueOf(key), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.sns.timeline.read;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every instance reads the post events for itself (a consumer group of its own, from the newest event on: nothing
 * older can be in a memory that starts empty) and drops the posts a like, unlike, comment or delete changed from its
 * memory and from Redis ({@link PostBodies#evict}). The fan-out's group {@code timeline-service} gives each event to
 * one instance only, which would leave the others serving the old counts until the TTL. Until the listener has its
 * partitions (a few seconds after the start), this instance keeps no post in memory: it would not hear of changes.
 */
@Component
class PostCacheInvalidation implements ConsumerSeekAware {

    private final PostBodies bodies;
    private final JsonMapper json;

    PostCacheInvalidation(PostBodies bodies, JsonMapper json) {
        this.bodies = bodies;
        this.json = json;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (!assignments.isEmpty()) {
            bodies.evictionsHeard();
        }
    }

    @KafkaListener(id = "timeline-post-cache", topics = "${sns.timeline.post-topic:sns.post-events}",
            groupId = "timeline-service-cache-#{T(java.util.UUID).randomUUID()}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, String> record) {
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (JacksonException e) {
            return; // the fan-out's listener logs it
        }
        switch (event.path("type").asString("")) {
            case "POST_DELETED", "NEW_LIKE_ON_POST", "LIKE_REMOVED_FROM_POST", "NEW_COMMENT_ON_POST" -> {
                if (event.path("postId").isIntegralNumber()) {
                    bodies.evict(Set.of(event.path("postId").asLong()));
                }
            }
            default -> {
                // a new post is not cached yet; other types change no body
            }
        }
    }
}

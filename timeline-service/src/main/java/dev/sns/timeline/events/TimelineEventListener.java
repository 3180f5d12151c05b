package dev.sns.timeline.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Post and follow events (docs/events.md) in the consumer group {@code timeline-service}: each event reaches one
 * instance, however many run. Post events are keyed by author and follow events by follower, so one author's posts
 * and one reader's follows are handled in order. A failure (Redis, user-service or post-service away) is retried by
 * the container's error handler until it passes (TimelineEventErrorHandling): the events wait in Kafka meanwhile and
 * no post is lost from a timeline. An event this service cannot read is logged and skipped; a type it does not know
 * is skipped (the contract lets producers add types).
 */
@Component
class TimelineEventListener {

    private static final Logger log = LoggerFactory.getLogger(TimelineEventListener.class);

    private final FanOut fanOut;
    private final JsonMapper json;

    TimelineEventListener(FanOut fanOut, JsonMapper json) {
        this.fanOut = fanOut;
        this.json = json;
    }

    // idIsGroup = false: the group is spring.kafka.consumer.group-id (timeline-service), the id only names the container
    @KafkaListener(id = "timeline-events", idIsGroup = false, topics = {"${sns.timeline.post-topic:sns.post-events}",
            "${sns.timeline.follow-topic:sns.follow-events}"})
    void on(ConsumerRecord<String, String> record) {
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (JacksonException e) {
            log.warn("Skipping an unreadable event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
            return;
        }
        String type = event.path("type").asString("");
        switch (type) {
            case "POST_CREATED" -> fanOut.postCreated(id(event, "postId"), id(event, "postOwnerId"), occurredAt(event));
            case "POST_DELETED" -> fanOut.postDeleted(id(event, "postId"), id(event, "postOwnerId"));
            case "NEW_LIKE_ON_POST", "LIKE_REMOVED_FROM_POST", "NEW_COMMENT_ON_POST" -> fanOut.postChanged(id(event, "postId"));
            case "FOLLOWED" -> fanOut.followed(id(event, "followerId"), id(event, "followeeId"));
            case "UNFOLLOWED" -> fanOut.unfollowed(id(event, "followerId"), id(event, "followeeId"));
            default -> log.debug("Skipping an event of type '{}'", type);
        }
    }

    private static long id(JsonNode event, String field) {
        JsonNode value = event.path(field);
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException("event " + event.path("eventId").asString() + " has no " + field);
        }
        return value.asLong();
    }

    private static Instant occurredAt(JsonNode event) {
        try {
            return event.path("occurredAt").isString() ? Instant.parse(event.path("occurredAt").asString()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

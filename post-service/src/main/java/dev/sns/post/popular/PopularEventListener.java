package dev.sns.post.popular;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the tally from the post events of Kafka, in the consumer group {@code sns.popular.consumer-group}: each event
 * reaches one instance of the service, whatever their number, and a batch (whatever one poll returns) is one Redis
 * call. Likes and removed likes of the last 7 days count; everything else is skipped. Delivery is at-least-once;
 * {@link PopularTally#apply} makes a repeated event count once. When Redis fails the batch is retried (with growing
 * pauses, {@link PopularConfiguration}) until it passes: the events wait in Kafka meanwhile.
 */
@Component
class PopularEventListener {

    private static final Logger log = LoggerFactory.getLogger(PopularEventListener.class);
    static final String LISTENER_ID = "popular-posts";

    private final PopularTally tally;
    private final JsonMapper json;

    private final Clock clock;

    PopularEventListener(PopularTally tally, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.tally = tally;
        this.json = json;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "${sns.popular.consumer-group:post-service-popular}", batch = "true",
            topics = "${sns.outbox.topic:sns.post-events}")
    void on(List<ConsumerRecord<String, String>> records) {
        Instant horizon = PopularWindow.horizon(clock.instant());
        List<LikeChange> changes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            LikeChange change = changeOf(record);
            if (change != null && !change.likedAt().isBefore(horizon)) {
                changes.add(change);
            }
        }
        tally.apply(changes);
    }

    /** The like change an event announces, or null for any other event (or one this service cannot read). */
    private LikeChange changeOf(ConsumerRecord<String, String> record) {
        try {
            JsonNode event = json.readTree(record.value());
            String type = event.path("type").asString("");
            boolean added = type.equals("NEW_LIKE_ON_POST");
            if (!added && !type.equals("LIKE_REMOVED_FROM_POST")) {
                return null;
            }
            JsonNode likedAt = added ? event.path("occurredAt") : event.path("likedAt");
            if (!event.path("likeId").isIntegralNumber() || !event.path("postId").isIntegralNumber()
                    || !likedAt.isString()) {
                return null; // a like published before likes carried their id: counted by the first rebuild instead
            }
            return new LikeChange(event.path("likeId").asLong(), event.path("postId").asLong(),
                    Instant.parse(likedAt.asString()), added);
        } catch (JacksonException | java.time.format.DateTimeParseException e) {
            log.warn("Popular posts: skipping an unreadable post event at {}-{}@{}: {}", record.topic(),
                    record.partition(), record.offset(), e.toString());
            return null;
        }
    }
}

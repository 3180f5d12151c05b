package dev.sns.alarm.consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A message of the {@code sns.post-events} topic, as post-service publishes it (a JSON contract, not shared code).
 * A message this constructor rejects fails deserialization, so it goes to the dead-letter topic unretried.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PostEvent(
        String eventId,
        PostEventType type,
        Long postId,
        Long postOwnerId,
        Long actorId,
        String actorName,
        Long commentId,
        Instant occurredAt) {

    public PostEvent {
        require(eventId != null && isUuid(eventId), "eventId must be a UUID");
        require(type != null, "type is missing");
        require(postId != null, "postId is missing");
        require(postOwnerId != null, "postOwnerId is missing");
        require(actorId != null, "actorId is missing");
    }

    /** Acting on your own post raises no alarm, and neither does an event of a type that is not an alarm. */
    public boolean raisesAlarm() {
        return type.alarmType() != null && !actorId.equals(postOwnerId);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static boolean isUuid(String value) {
        try {
            return value.length() == 36 && UUID.fromString(value) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

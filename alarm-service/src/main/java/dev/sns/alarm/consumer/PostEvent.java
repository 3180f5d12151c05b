package dev.sns.alarm.consumer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A message of the {@code sns.post-events} topic, as post-service publishes it (a JSON contract, not shared code), or
 * of {@code sns.follow-events} (user-service), read into the same shape ({@link #fromJson}): a follow is an event whose
 * receiver ({@code postOwnerId}) and target ({@code postId}) are the followed user and whose actor is the follower, so
 * both topics share one listener, one batch insert, one dead-letter topic and one fan-out.
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

    /** Either topic's JSON: the follow fields, when present, stand for the post fields (docs/events.md). */
    @JsonCreator
    static PostEvent fromJson(@JsonProperty("eventId") String eventId, @JsonProperty("type") PostEventType type,
                              @JsonProperty("postId") Long postId, @JsonProperty("postOwnerId") Long postOwnerId,
                              @JsonProperty("actorId") Long actorId, @JsonProperty("actorName") String actorName,
                              @JsonProperty("commentId") Long commentId, @JsonProperty("occurredAt") Instant occurredAt,
                              @JsonProperty("followerId") Long followerId,
                              @JsonProperty("followerName") String followerName,
                              @JsonProperty("followeeId") Long followeeId) {
        if (followeeId != null && postId == null) {
            return new PostEvent(eventId, type, followeeId, followeeId, followerId, followerName, commentId, occurredAt);
        }
        return new PostEvent(eventId, type, postId, postOwnerId, actorId, actorName, commentId, occurredAt);
    }

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

package dev.sns.post.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The published contract of topic {@code sns.post-events} (docs/events.md): consumers (alarm-service, the popular
 * posts' tally, timeline-service) read this JSON, not a shared class. {@code commentId} is present for NEW_COMMENT_ON_POST only,
 * {@code likeId} (the like row) for NEW_LIKE_ON_POST and LIKE_REMOVED_FROM_POST, {@code likedAt} (when the removed
 * like was made) for LIKE_REMOVED_FROM_POST only.
 */
public record PostEvent(
        String eventId,
        Type type,
        long postId,
        long postOwnerId,
        long actorId,
        String actorName,
        Instant occurredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long commentId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long likeId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant likedAt) {

    public enum Type { NEW_LIKE_ON_POST, NEW_COMMENT_ON_POST, LIKE_REMOVED_FROM_POST, POST_CREATED, POST_DELETED }
}

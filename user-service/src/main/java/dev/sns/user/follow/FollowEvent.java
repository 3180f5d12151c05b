package dev.sns.user.follow;

import java.time.Instant;

/**
 * The published contract of topic {@code sns.follow-events} (docs/events.md): timeline-service and alarm-service read
 * this JSON, not a shared class. Key: the follower's id.
 */
public record FollowEvent(String eventId, Type type, long followerId, String followerName, long followeeId,
                          Instant occurredAt) {

    public enum Type { FOLLOWED, UNFOLLOWED }
}

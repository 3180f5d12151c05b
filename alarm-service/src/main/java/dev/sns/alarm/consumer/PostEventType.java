package dev.sns.alarm.consumer;

import dev.sns.alarm.AlarmType;

/**
 * The {@code type} values of the post and follow events this service knows (docs/events.md): those that raise an
 * alarm, and those that are for other consumers (skipped here). Any other value is a poison message (dead-lettered).
 */
public enum PostEventType {

    NEW_LIKE_ON_POST(AlarmType.NEW_LIKE_ON_POST),
    NEW_COMMENT_ON_POST(AlarmType.NEW_COMMENT_ON_POST),
    /** An unlike: for post-service's popular posts; the alarm of the like stays. */
    LIKE_REMOVED_FROM_POST(null),
    /** A new post: for timeline-service. */
    POST_CREATED(null),
    /** A deleted post: for timeline-service. */
    POST_DELETED(null),
    /** From {@code sns.follow-events}: the followed user gets an alarm. */
    FOLLOWED(AlarmType.NEW_FOLLOWER),
    /** From {@code sns.follow-events}: for timeline-service; the alarm of the follow stays. */
    UNFOLLOWED(null);

    private final AlarmType alarmType;

    PostEventType(AlarmType alarmType) {
        this.alarmType = alarmType;
    }

    /** The alarm this event raises, or null when it raises none. */
    public AlarmType alarmType() {
        return alarmType;
    }
}

package dev.sns.alarm;

/**
 * What happened to the receiver's post, or to the receiver (a new follower); the names are part of the API and of the
 * events' contract.
 */
public enum AlarmType {
    NEW_LIKE_ON_POST("new like!"),
    NEW_COMMENT_ON_POST("new comment!"),
    /** {@code fromUserId} = the follower, {@code targetId} = the followed user (the receiver). */
    NEW_FOLLOWER("new follower!");

    private final String text;

    AlarmType(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}

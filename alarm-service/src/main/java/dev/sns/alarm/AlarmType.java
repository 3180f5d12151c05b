package dev.sns.alarm;

/** What happened to the receiver's post; the names are part of the API and of the post-event contract. */
public enum AlarmType {
    NEW_LIKE_ON_POST("new like!"),
    NEW_COMMENT_ON_POST("new comment!");

    private final String text;

    AlarmType(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}

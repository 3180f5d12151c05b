package dev.sns.alarm;

/** The API's unread count: the result of {@code GET /api/v1/users/alarm/unread-count}, and the data of the stream's {@code unread} event. */
public record UnreadCount(long count) {
}

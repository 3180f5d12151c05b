package dev.sns.alarm;

/** An alarm to store for {@code receiverId}, caused by the post event {@code eventId}. */
public record NewAlarm(long receiverId, AlarmType type, long fromUserId, long targetId, String eventId) {
}

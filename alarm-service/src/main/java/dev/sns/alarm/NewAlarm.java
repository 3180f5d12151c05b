package dev.sns.alarm;

/**
 * An alarm to store for {@code receiverId}, caused by {@code actorId} acting on {@code targetId} (the receiver's post,
 * or the receiver for a new follower), from the event {@code eventId}. The names of one concept along the alarm path
 * are in docs/alarms.md ("Names").
 */
public record NewAlarm(long receiverId, AlarmType type, long actorId, long targetId, String eventId) {
}

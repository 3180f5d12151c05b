package dev.sns.alarm;

import java.time.Instant;

/** The Alarm of the API, in the list and on the SSE stream alike; {@code read} is an extension of the course's. */
public record AlarmResponse(
        long id,
        AlarmType alarmType,
        AlarmArgs alarmArgs,
        String text,
        Instant registeredAt,
        Instant updatedAt,
        Instant deletedAt,
        boolean read) {

    /** Who caused the alarm and on which post. */
    public record AlarmArgs(long fromUserId, long targetId) {
    }

    /** @param readUpTo the receiver's read mark: alarms up to this id are read */
    public static AlarmResponse from(Alarm alarm, long readUpTo) {
        return new AlarmResponse(alarm.getId(), alarm.getAlarmType(),
                new AlarmArgs(alarm.getActorId(), alarm.getTargetId()), alarm.getAlarmType().text(),
                alarm.getRegisteredAt(), alarm.getUpdatedAt(), alarm.getDeletedAt(), alarm.getId() <= readUpTo);
    }

    /** A row just inserted: what {@link #from} will read back from it until it is read. */
    static AlarmResponse stored(long id, NewAlarm alarm, Instant registeredAt) {
        return new AlarmResponse(id, alarm.type(), new AlarmArgs(alarm.actorId(), alarm.targetId()),
                alarm.type().text(), registeredAt, null, null, false);
    }
}

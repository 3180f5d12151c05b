package dev.sns.alarm.stream;

import dev.sns.alarm.Unread;

/**
 * Where a user's alarms stand, read in one statement: the read state (its version counts every stored batch and read)
 * and the newest alarm id then. Every alarm of that version or older has an id up to {@code lastAlarmId} (a user's
 * alarms are inserted under the lock of their read-state row, so their ids grow with the versions).
 */
public record StreamPosition(Unread unread, long lastAlarmId) {
}

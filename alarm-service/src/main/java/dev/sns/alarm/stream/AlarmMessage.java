package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;

/** What travels on the Redis channel: a stored alarm and who receives it. */
record AlarmMessage(long userId, AlarmResponse alarm) {
}

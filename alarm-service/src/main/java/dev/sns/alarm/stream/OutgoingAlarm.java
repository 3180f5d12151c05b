package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import io.micrometer.observation.Observation;

/**
 * A stored alarm on its way to the receiver's streams, with the observation of the event that caused it: its fan-out
 * publish is a span of that event's trace.
 */
public record OutgoingAlarm(long receiverId, AlarmResponse alarm, Observation cause) {
}

package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import java.util.Map;

/**
 * What travels on the Redis channel: a stored alarm, who receives it, and the trace context of the event that made it
 * ({@code traceparent}; empty when none), so the push to the streams joins the like's or comment's trace.
 */
record AlarmMessage(long userId, AlarmResponse alarm, Map<String, String> trace) {

    AlarmMessage {
        trace = trace == null ? Map.of() : trace; // messages of an instance that does not send it yet
    }
}

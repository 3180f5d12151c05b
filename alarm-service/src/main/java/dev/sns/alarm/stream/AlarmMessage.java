package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import java.util.Map;

/**
 * One alarm on the Redis channel: a stored alarm, who receives it, and the trace context of the event that made it
 * ({@code traceparent}; empty when none), so the push to the streams joins the like's or comment's trace. A message
 * carries the alarms of one consumed batch as a JSON array of these.
 */
record AlarmMessage(long userId, AlarmResponse alarm, Map<String, String> trace) {

    AlarmMessage {
        trace = trace == null ? Map.of() : trace; // messages of an instance that does not send it yet
    }
}

package dev.sns.alarm.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.Unread;
import java.util.Map;

/**
 * One entry on the Redis channel: for one receiver, a stored alarm and/or the user's unread count after it, with the
 * trace context of what caused it ({@code traceparent}; empty when none), so the push to the streams joins the
 * like's, comment's or read request's trace. A message carries the entries of one consumed batch (or one read) as a
 * JSON array of these. A batch's alarms carry {@code unread} on the last alarm of each receiver; a read is an entry
 * without {@code alarm}. The receiver is {@code userId} on the wire, as instances of the versions before read it (a
 * rolling update mixes them).
 */
record AlarmMessage(@JsonProperty("userId") long receiverId, AlarmResponse alarm, Map<String, String> trace,
                    Unread unread) {

    AlarmMessage {
        trace = trace == null ? Map.of() : trace; // messages of an instance that does not send it yet
    }
}

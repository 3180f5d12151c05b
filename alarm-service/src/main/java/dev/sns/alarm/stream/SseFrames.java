package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.Unread;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stream's events as the bytes of the {@code text/event-stream} format, in the form Spring's {@code SseEmitter}
 * wrote them before the stream left Tomcat ({@code event:}, {@code id:}, {@code data:} without a space, one blank line
 * after each event): a client sees the same stream. The data is one line of JSON (the mapper escapes line breaks).
 */
@Component
class SseFrames {

    static final String EVENT_NAME = "alarm";
    static final String UNREAD_EVENT_NAME = "unread";
    static final String CONNECTED = "event:" + EVENT_NAME + "\ndata:connect completed\n\n";
    static final String HEARTBEAT = ":heartbeat\n\n";

    private final JsonMapper json;

    SseFrames(JsonMapper json) {
        this.json = json;
    }

    /** An alarm, with its id as the event id (the browser's Last-Event-ID on a reconnect). */
    String alarm(AlarmResponse alarm) {
        return "event:" + EVENT_NAME + "\nid:" + alarm.id() + "\ndata:" + json.writeValueAsString(alarm) + "\n\n";
    }

    /** The unread count, without an id: the browser's last event id stays the last alarm's. */
    String unread(Unread unread) {
        return "event:" + UNREAD_EVENT_NAME + "\ndata:" + json.writeValueAsString(unread.response()) + "\n\n";
    }
}

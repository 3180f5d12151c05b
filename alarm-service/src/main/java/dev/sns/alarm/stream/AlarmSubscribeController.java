package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.AlarmService;
import dev.sns.alarm.ReadService;
import dev.sns.web.security.AuthUser;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live alarm stream ({@code text/event-stream}, not wrapped in the envelope). A reconnecting client names the
 * last alarm it saw in {@code Last-Event-ID} (EventSource does this itself) or {@code ?lastEventId=}.
 */
@RestController
class AlarmSubscribeController {

    private final AlarmStream stream;
    private final AlarmService alarms;
    private final ReadService reads;
    private final AlarmStreamProperties properties;

    AlarmSubscribeController(AlarmStream stream, AlarmService alarms, ReadService reads,
                             AlarmStreamProperties properties) {
        this.stream = stream;
        this.alarms = alarms;
        this.reads = reads;
        this.properties = properties;
    }

    @GetMapping("/api/v1/users/alarm/subscribe")
    SseEmitter subscribe(AuthUser user,
                         @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                         @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter) {
        Long lastEventId = parseId(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParameter);
        // the replay and count queries run here, each on its own: the open stream never holds a connection
        return stream.open(user.id(), () -> lastEventId == null
                ? List.<AlarmResponse>of()
                : alarms.after(user.id(), lastEventId, properties.replayLimit()), () -> reads.unread(user.id()));
    }

    /** Ids are ours; anything else (a stale or foreign value) means "nothing to replay", not an error. */
    private static Long parseId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

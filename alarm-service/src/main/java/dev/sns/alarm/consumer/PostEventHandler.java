package dev.sns.alarm.consumer;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.AlarmService;
import dev.sns.alarm.NewAlarm;
import dev.sns.alarm.stream.AlarmFanOut;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Turns one post event into an alarm for the post's owner and pushes it to the owner's open streams. */
@Component
public class PostEventHandler {

    private final AlarmService alarms;
    private final AlarmFanOut fanOut;

    public PostEventHandler(AlarmService alarms, AlarmFanOut fanOut) {
        this.alarms = alarms;
        this.fanOut = fanOut;
    }

    /** Returns the new alarm, or empty when the event raises none (own post) or was handled before. */
    public Optional<AlarmResponse> handle(PostEvent event) {
        if (event.isSelfAction()) {
            return Optional.empty();
        }
        Optional<AlarmResponse> stored = alarms.storeOnce(new NewAlarm(
                event.postOwnerId(), event.type(), event.actorId(), event.postId(), event.eventId()));
        // committed at this point: a subscriber that reloads the list right after the push finds the alarm
        stored.ifPresent(alarm -> fanOut.publish(event.postOwnerId(), alarm));
        return stored;
    }
}

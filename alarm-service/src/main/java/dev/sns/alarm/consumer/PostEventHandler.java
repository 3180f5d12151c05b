package dev.sns.alarm.consumer;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.AlarmService;
import dev.sns.alarm.NewAlarm;
import dev.sns.alarm.stream.AlarmFanOut;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Turns one post event into an alarm for the post's owner and pushes it to the owner's open streams. */
@Component
public class PostEventHandler {

    private final AlarmService alarms;
    private final AlarmFanOut fanOut;
    private final Counter storedAlarms;
    private final Timer eventToPush;

    public PostEventHandler(AlarmService alarms, AlarmFanOut fanOut, MeterRegistry meters) {
        this.alarms = alarms;
        this.fanOut = fanOut;
        this.storedAlarms = Counter.builder("sns.alarms.stored").description("Alarms created from post events")
                .register(meters);
        this.eventToPush = Timer.builder("sns.alarm.delivery.latency")
                .description("From the like/comment (event time) to the alarm handed to the streams")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** Returns the new alarm, or empty when the event raises none (own post) or was handled before. */
    public Optional<AlarmResponse> handle(PostEvent event) {
        if (event.isSelfAction()) {
            return Optional.empty();
        }
        Optional<AlarmResponse> stored = alarms.storeOnce(new NewAlarm(
                event.postOwnerId(), event.type(), event.actorId(), event.postId(), event.eventId()));
        // committed at this point: a subscriber that reloads the list right after the push finds the alarm
        stored.ifPresent(alarm -> {
            fanOut.publish(event.postOwnerId(), alarm);
            storedAlarms.increment();
            eventToPush.record(Duration.between(event.occurredAt(), Instant.now()));
        });
        return stored;
    }
}

package dev.sns.alarm.consumer;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.AlarmService;
import dev.sns.alarm.NewAlarm;
import dev.sns.alarm.stream.AlarmFanOut;
import dev.sns.alarm.stream.OutgoingAlarm;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Turns a batch of post events into alarms for the posts' owners: stores them with one insert and pushes them, with
 * the owners' new unread counts, to the owners' open streams with one fan-out message. Each event is observed on its own (its consumer span continues the
 * trace of its like or comment); everything else is done once per batch.
 */
@Component
public class PostEventHandler {

    private final AlarmService alarms;
    private final AlarmFanOut fanOut;
    private final PostEventObservations observations;
    private final Counter storedAlarms;
    private final Timer eventToPush;

    PostEventHandler(AlarmService alarms, AlarmFanOut fanOut, PostEventObservations observations, MeterRegistry meters) {
        this.alarms = alarms;
        this.fanOut = fanOut;
        this.observations = observations;
        this.storedAlarms = Counter.builder("sns.alarms.stored").description("Alarms created from post events")
                .register(meters);
        this.eventToPush = Timer.builder("sns.alarm.delivery.latency")
                .description("From the like/comment (event time) to the alarm handed to the streams")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /**
     * Returns the new alarms in the order of their events; none for an event on the actor's own post, one that is
     * not an alarm (an unlike) or one handled before. The records' values must be deserialized events.
     */
    public List<AlarmResponse> handle(List<ConsumerRecord<String, PostEvent>> records) {
        List<Observation> observed = new ArrayList<>(records.size());
        records.forEach(record -> observed.add(observations.start(record)));
        try {
            List<AlarmResponse> pushed = storeAndPush(records, observed);
            observed.forEach(Observation::stop);
            return pushed;
        } catch (RuntimeException e) {
            observed.forEach(observation -> observation.error(e).stop());
            throw e;
        }
    }

    private List<AlarmResponse> storeAndPush(List<ConsumerRecord<String, PostEvent>> records, List<Observation> observed) {
        List<NewAlarm> wanted = new ArrayList<>(records.size());
        for (ConsumerRecord<String, PostEvent> record : records) {
            PostEvent event = record.value();
            if (event.raisesAlarm()) {
                wanted.add(new NewAlarm(event.postOwnerId(), event.type().alarmType(), event.actorId(), event.postId(),
                        event.eventId()));
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        AlarmService.StoredAlarms batch = alarms.storeOnce(wanted);
        Map<String, AlarmResponse> stored = batch.byEventId();
        // committed at this point: a subscriber that reloads the list right after the push finds the alarms
        List<OutgoingAlarm> outgoing = new ArrayList<>(stored.size());
        List<Instant> occurred = new ArrayList<>(stored.size());
        for (int i = 0; i < records.size() && !stored.isEmpty(); i++) {
            PostEvent event = records.get(i).value();
            AlarmResponse alarm = stored.remove(event.eventId()); // removed: a second copy of the event gets none
            if (alarm != null) {
                outgoing.add(new OutgoingAlarm(event.postOwnerId(), alarm, observed.get(i)));
                occurred.add(event.occurredAt());
            }
        }
        fanOut.publish(outgoing, batch.unread());
        storedAlarms.increment(outgoing.size());
        Instant now = Instant.now();
        occurred.forEach(at -> {
            if (at != null) { // optional in the contract
                eventToPush.record(Duration.between(at, now));
            }
        });
        return outgoing.stream().map(OutgoingAlarm::alarm).toList();
    }
}

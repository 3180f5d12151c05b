package dev.sns.alarm.stream;

import dev.sns.alarm.Unread;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries stored alarms, and the receivers' unread counts, to the receivers' streams on every instance: publishes
 * them to a Redis channel every instance listens to (this one included), the alarms of one consumed batch in one
 * message, so a batch costs one PUBLISH (one round trip) and one message per instance. Each alarm in it carries its
 * own trace context, so its publish and push are spans of the trace that began with its like or comment. Without
 * Redis, an alarm still reaches this instance's streams; the other instances' clients get it when they reconnect
 * with Last-Event-ID or reload the list.
 */
@Component
public class AlarmFanOut implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(AlarmFanOut.class);
    private static final Duration SKIP_REDIS_AFTER_FAILURE = Duration.ofSeconds(2);
    private static final TypeReference<List<AlarmMessage>> BATCH = new TypeReference<>() {
    };

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final AlarmStream stream;
    private final ObservationRegistry observations;
    private final String channel;
    private volatile long skipRedisUntil; // System.nanoTime(); after a failure, spares each batch the Redis timeout

    public AlarmFanOut(StringRedisTemplate redis, JsonMapper json, AlarmStream stream, AlarmStreamProperties properties,
                       ObservationRegistry observations) {
        this.redis = redis;
        this.json = json;
        this.stream = stream;
        this.observations = observations;
        this.channel = properties.redisChannel();
        this.skipRedisUntil = System.nanoTime();
    }

    /**
     * Call after the alarms' transaction committed; they reach each stream in the given order, each receiver's
     * {@code unread} count (if given) right after the receiver's last alarm.
     */
    public void publish(List<OutgoingAlarm> alarms, Map<Long, Unread> unread) {
        if (alarms.isEmpty()) {
            return;
        }
        Map<Long, Integer> lastOfUser = new HashMap<>();
        for (int i = 0; i < alarms.size(); i++) {
            lastOfUser.put(alarms.get(i).userId(), i);
        }
        List<Observation> causes = new ArrayList<>(alarms.size());
        List<AlarmMessage> messages = new ArrayList<>(alarms.size());
        for (int i = 0; i < alarms.size(); i++) {
            OutgoingAlarm outgoing = alarms.get(i);
            causes.add(outgoing.cause());
            messages.add(new AlarmMessage(outgoing.userId(), outgoing.alarm(), null,
                    lastOfUser.get(outgoing.userId()) == i ? unread.get(outgoing.userId()) : null));
        }
        send(messages, causes);
    }

    /** Call after a change of the user's read state committed: every stream of the user gets the new count. */
    public void publishUnread(long userId, Unread unread) {
        // no cause: the current observation (the read request) is the parent
        send(List.of(new AlarmMessage(userId, null, null, unread)), Collections.singletonList(null));
    }

    /** One PUBLISH of the entries, each with the trace context of its cause; without Redis, to this instance only. */
    private void send(List<AlarmMessage> entries, List<Observation> causes) {
        if (System.nanoTime() - skipRedisUntil < 0) {
            entries.forEach(this::deliver);
            return;
        }
        List<Observation> publishes = new ArrayList<>(entries.size());
        List<AlarmMessage> messages = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Map<String, String> trace = new HashMap<>(4);
            publishes.add(publishObservation(causes.get(i), trace).start()); // start() writes the trace context
            AlarmMessage entry = entries.get(i);
            messages.add(new AlarmMessage(entry.userId(), entry.alarm(), trace, entry.unread()));
        }
        try {
            String body = json.writeValueAsString(messages);
            // the PUBLISH command's own span (Lettuce tracing) joins the first entry's trace instead of starting one
            publishes.getFirst().scoped(() -> redis.convertAndSend(channel, body));
            publishes.forEach(Observation::stop);
        } catch (RuntimeException e) {
            publishes.forEach(publish -> publish.error(e).stop());
            skipRedisUntil = System.nanoTime() + SKIP_REDIS_AFTER_FAILURE.toNanos();
            log.warn("Cannot publish {} alarm(s) to Redis ({}); pushing alarms to this instance's streams only for {} s",
                    entries.size(), e.getMessage(), SKIP_REDIS_AFTER_FAILURE.toSeconds());
            entries.forEach(this::deliver);
        }
    }

    /** @param cause the parent; null: the current observation (a request's) */
    private Observation publishObservation(Observation cause, Map<String, String> trace) {
        SenderContext<Map<String, String>> context = new SenderContext<>(Map::put, Kind.PRODUCER);
        context.setCarrier(trace);
        context.setRemoteServiceName("redis");
        Observation publish = Observation.createNotStarted("sns.alarm.fanout", () -> context, observations)
                .contextualName("alarm fan-out publish");
        return cause == null ? publish : publish.parentObservation(cause);
    }

    /** To this instance's streams of the user: the alarm, then the unread count. */
    private void deliver(AlarmMessage entry) {
        if (entry.alarm() != null) {
            stream.deliver(entry.userId(), entry.alarm());
        }
        if (entry.unread() != null) {
            stream.deliverUnread(entry.userId(), entry.unread());
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        List<AlarmMessage> received;
        try {
            received = read(message.getBody());
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable message on {}: {}", channel, e.getMessage());
            return;
        }
        received.forEach(this::push);
    }

    /**
     * A batch is a JSON array; a single object is one alarm as instances published it before they batched (still
     * read, so alarms published by not yet updated instances during a rolling update reach these streams).
     */
    private List<AlarmMessage> read(byte[] body) {
        return body.length > 0 && body[0] == '{'
                ? List.of(json.readValue(body, AlarmMessage.class))
                : json.readValue(body, BATCH);
    }

    private void push(AlarmMessage received) {
        ReceiverContext<AlarmMessage> context = new ReceiverContext<>((carrier, key) -> carrier.trace().get(key), Kind.CONSUMER);
        context.setCarrier(received);
        context.setRemoteServiceName("redis");
        Observation.createNotStarted("sns.alarm.push", () -> context, observations)
                .contextualName("alarm push")
                .observe(() -> deliver(received));
    }
}

package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.Unread;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries stored alarms, and the receivers' unread counts, to the receivers' streams on every instance that holds one
 * (routed fan-out): each receiver's entries of a consumed batch go as one message to the receiver's own Redis channel
 * ({@code <redis-channel>:<user id>}), which only instances with a stream of that user listen to ({@link UserChannels});
 * all messages of a batch in one pipeline, so a batch costs one round trip. Each alarm carries its own trace context,
 * so its publish and push are spans of the trace that began with its like or comment. Without Redis, an alarm still
 * reaches this instance's streams; the other instances' streams catch it up from the database (docs/alarms.md).
 * Messages on the old shared channel (instances of the version before, during a rolling update) are still received.
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
    private volatile LongPredicate dropReceived = user -> false;
    private final Counter published;
    private final Counter received;

    public AlarmFanOut(StringRedisTemplate redis, JsonMapper json, AlarmStream stream, AlarmStreamProperties properties,
                       ObservationRegistry observations, MeterRegistry meters) {
        this.published = Counter.builder("sns.alarm.fanout.published")
                .description("Fan-out messages this instance published (one per receiver of a batch or read)")
                .register(meters);
        this.received = Counter.builder("sns.alarm.fanout.received")
                .description("Fan-out messages this instance received: only those of users with a stream here")
                .register(meters);
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
            lastOfUser.put(alarms.get(i).receiverId(), i);
        }
        List<Observation> causes = new ArrayList<>(alarms.size());
        List<AlarmMessage> messages = new ArrayList<>(alarms.size());
        for (int i = 0; i < alarms.size(); i++) {
            OutgoingAlarm outgoing = alarms.get(i);
            causes.add(outgoing.cause());
            messages.add(new AlarmMessage(outgoing.receiverId(), outgoing.alarm(), null,
                    lastOfUser.get(outgoing.receiverId()) == i ? unread.get(outgoing.receiverId()) : null));
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
            deliver(entries);
            return;
        }
        List<Observation> publishes = new ArrayList<>(entries.size());
        List<AlarmMessage> messages = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Map<String, String> trace = new HashMap<>(4);
            publishes.add(publishObservation(causes.get(i), trace).start()); // start() writes the trace context
            AlarmMessage entry = entries.get(i);
            messages.add(new AlarmMessage(entry.receiverId(), entry.alarm(), trace, entry.unread()));
        }
        // one message per receiver, on the receiver's own channel (only instances with a stream of that user listen),
        // all PUBLISHed in one pipeline: one round trip per batch
        Map<Long, List<AlarmMessage>> byUser = new LinkedHashMap<>();
        messages.forEach(message -> byUser.computeIfAbsent(message.receiverId(), user -> new ArrayList<>()).add(message));
        try {
            List<byte[][]> publications = new ArrayList<>(byUser.size());
            byUser.forEach((user, ofUser) -> publications.add(new byte[][] {
                    UserChannels.channel(channel, user).getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(ofUser)}));
            // the PUBLISH commands' own spans (Lettuce tracing) join the first entry's trace instead of starting one
            publishes.getFirst().scoped(() -> redis.executePipelined((RedisCallback<Object>) connection -> {
                publications.forEach(publication -> connection.publish(publication[0], publication[1]));
                return null;
            }));
            published.increment(byUser.size());
            publishes.forEach(Observation::stop);
        } catch (RuntimeException e) {
            publishes.forEach(publish -> publish.error(e).stop());
            skipRedisUntil = System.nanoTime() + SKIP_REDIS_AFTER_FAILURE.toNanos();
            log.warn("Cannot publish {} alarm(s) to Redis ({}); pushing alarms to this instance's streams only for {} s",
                    entries.size(), e.getMessage(), SKIP_REDIS_AFTER_FAILURE.toSeconds());
            deliver(entries);
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

    /**
     * To this instance's streams: each user's entries, in their order, as one delivery (the alarms, then the count
     * after the last of them), so that a stream checks the count's version before it sends the alarms.
     */
    private void deliver(List<AlarmMessage> entries) {
        Map<Long, List<AlarmMessage>> byUser = new LinkedHashMap<>();
        entries.forEach(entry -> byUser.computeIfAbsent(entry.receiverId(), user -> new ArrayList<>()).add(entry));
        byUser.forEach((userId, ofUser) -> {
            List<AlarmResponse> alarms = new ArrayList<>(ofUser.size());
            Unread unread = null;
            for (AlarmMessage entry : ofUser) {
                if (entry.alarm() != null) {
                    alarms.add(entry.alarm());
                }
                if (entry.unread() != null) {
                    unread = entry.unread();
                }
            }
            stream.deliver(userId, alarms, unread);
        });
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        this.received.increment();
        List<AlarmMessage> received;
        try {
            received = read(message.getBody());
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable message on {}: {}", channel, e.getMessage());
            return;
        }
        List<AlarmMessage> kept = received.stream().filter(entry -> !dropReceived.test(entry.receiverId())).toList();
        if (!kept.isEmpty()) {
            push(kept);
        }
    }

    /**
     * Test hook: from now on, the received entries of the users it matches are dropped, as a message lost on its way
     * through Redis pub/sub would be (docs/alarms.md, "No gap"). {@code user -> false} restores delivery.
     */
    public void dropReceived(LongPredicate users) {
        this.dropReceived = users;
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

    /** Delivers the entries, each in a push span of its own trace (a child of its publish). */
    private void push(List<AlarmMessage> entries) {
        List<Observation> pushes = new ArrayList<>(entries.size());
        for (AlarmMessage entry : entries) {
            ReceiverContext<AlarmMessage> context = new ReceiverContext<>((carrier, key) -> carrier.trace().get(key),
                    Kind.CONSUMER);
            context.setCarrier(entry);
            context.setRemoteServiceName("redis");
            pushes.add(Observation.createNotStarted("sns.alarm.push", () -> context, observations)
                    .contextualName("alarm push").start());
        }
        try {
            deliver(entries);
        } catch (RuntimeException e) {
            pushes.forEach(push -> push.error(e));
            throw e;
        } finally {
            pushes.forEach(Observation::stop);
        }
    }
}

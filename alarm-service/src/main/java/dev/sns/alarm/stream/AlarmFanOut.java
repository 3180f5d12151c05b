package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries stored alarms to the receiver's streams on every instance: publishes them to a Redis channel every
 * instance listens to (this one included). The message carries the trace context, so publish and push are spans of
 * the trace that began with the like or comment. Without Redis, an alarm still reaches this instance's streams; the
 * other instances' clients get it when they reconnect with Last-Event-ID or reload the list.
 */
@Component
public class AlarmFanOut implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(AlarmFanOut.class);
    private static final Duration SKIP_REDIS_AFTER_FAILURE = Duration.ofSeconds(2);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final AlarmStream stream;
    private final ObservationRegistry observations;
    private final String channel;
    private volatile long skipRedisUntil; // System.nanoTime(); after a failure, spares each alarm the Redis timeout

    public AlarmFanOut(StringRedisTemplate redis, JsonMapper json, AlarmStream stream, AlarmStreamProperties properties,
                       ObservationRegistry observations) {
        this.redis = redis;
        this.json = json;
        this.stream = stream;
        this.observations = observations;
        this.channel = properties.redisChannel();
        this.skipRedisUntil = System.nanoTime();
    }

    /** Call after the alarm's transaction committed. */
    public void publish(long userId, AlarmResponse alarm) {
        if (System.nanoTime() - skipRedisUntil < 0) {
            stream.deliver(userId, alarm);
            return;
        }
        try {
            Map<String, String> trace = new HashMap<>();
            SenderContext<Map<String, String>> context = new SenderContext<>(Map::put, Kind.PRODUCER);
            context.setCarrier(trace);
            context.setRemoteServiceName("redis");
            Observation.createNotStarted("sns.alarm.fanout", () -> context, observations)
                    .contextualName("alarm fan-out publish")
                    .observe(() -> redis.convertAndSend(channel, json.writeValueAsString(new AlarmMessage(userId, alarm, trace))));
        } catch (RuntimeException e) {
            skipRedisUntil = System.nanoTime() + SKIP_REDIS_AFTER_FAILURE.toNanos();
            log.warn("Cannot publish alarm {} to Redis ({}); pushing alarms to this instance's streams only for {} s",
                    alarm.id(), e.getMessage(), SKIP_REDIS_AFTER_FAILURE.toSeconds());
            stream.deliver(userId, alarm);
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            AlarmMessage received = json.readValue(message.getBody(), AlarmMessage.class);
            ReceiverContext<AlarmMessage> context = new ReceiverContext<>((carrier, key) -> carrier.trace().get(key), Kind.CONSUMER);
            context.setCarrier(received);
            context.setRemoteServiceName("redis");
            Observation.createNotStarted("sns.alarm.push", () -> context, observations)
                    .contextualName("alarm push")
                    .observe(() -> stream.deliver(received.userId(), received.alarm()));
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable message on {}: {}", channel, e.getMessage());
        }
    }
}

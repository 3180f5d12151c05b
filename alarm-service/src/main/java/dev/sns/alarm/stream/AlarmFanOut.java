package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries stored alarms to the receiver's streams on every instance: publishes them to a Redis channel every
 * instance listens to (this one included). Without Redis, an alarm still reaches this instance's streams; the
 * other instances' clients get it when they reconnect with Last-Event-ID or reload the list.
 */
@Component
public class AlarmFanOut implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(AlarmFanOut.class);
    private static final Duration SKIP_REDIS_AFTER_FAILURE = Duration.ofSeconds(2);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final AlarmStream stream;
    private final String channel;
    private volatile long skipRedisUntil; // System.nanoTime(); after a failure, spares each alarm the Redis timeout

    public AlarmFanOut(StringRedisTemplate redis, JsonMapper json, AlarmStream stream, AlarmStreamProperties properties) {
        this.redis = redis;
        this.json = json;
        this.stream = stream;
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
            redis.convertAndSend(channel, json.writeValueAsString(new AlarmMessage(userId, alarm)));
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
            stream.deliver(received.userId(), received.alarm());
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable message on {}: {}", channel, e.getMessage());
        }
    }
}

package dev.sns.alarm.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SSE stream of alarms.
 *
 * @param heartbeat    how often an idle stream gets a comment line (keeps proxies from closing it, finds dead clients)
 * @param timeout      how long one stream stays open; the client then reconnects with {@code Last-Event-ID}
 * @param replayLimit  at most this many missed alarms are sent on a reconnect (the newest ones)
 * @param redisChannel the Redis pub/sub channel that carries every stored alarm to every instance
 */
@ConfigurationProperties("sns.alarm.stream")
public record AlarmStreamProperties(
        @DefaultValue("20s") Duration heartbeat,
        @DefaultValue("30m") Duration timeout,
        @DefaultValue("100") int replayLimit,
        @DefaultValue("sns:alarms") String redisChannel) {
}

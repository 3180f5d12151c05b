package dev.sns.alarm.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The SSE stream of alarms.
 *
 * @param heartbeat     how often an idle stream gets a comment line (keeps proxies from closing it, finds dead clients)
 * @param timeout       how long one stream stays open; the client then reconnects with {@code Last-Event-ID}
 * @param replayPage    missed alarms per query and push of a replay (a reconnect or a catch-up sends every one, a
 *                      page at a time; at most half the stream's outbox)
 * @param redisChannel  the prefix of the per-user Redis pub/sub channels ({@code <prefix>:<user id>}) of the fan-out
 * @param maxStreams    the most streams this instance admits at once; more are refused with 503 and
 *                      {@code Retry-After}. 0 (the default) derives it from the heap: see {@link #streamCap}
 * @param heapPerStream what one open stream holds on the heap (measured: docs/performance.md)
 * @param heapReserve   the heap kept for everything but streams (requests, the Kafka consumer, caches, GC headroom)
 * @param port          the port of the stream server (Reactor Netty, beside Tomcat's port); 0: any free port. It is
 *                      announced in the instance's Eureka metadata as {@code stream-port}, where the gateway finds it
 * @param streamsPerConnection HTTP/2's SETTINGS_MAX_CONCURRENT_STREAMS of the stream server: how many streams the
 *                      gateway multiplexes over one h2c connection before it opens another (Netty's default is 100)
 */
@ConfigurationProperties("sns.alarm.stream")
public record AlarmStreamProperties(
        @DefaultValue("20s") Duration heartbeat,
        @DefaultValue("30m") Duration timeout,
        @DefaultValue("100") int replayPage,
        @DefaultValue("sns:alarms") String redisChannel,
        @DefaultValue("0") int maxStreams,
        @DefaultValue("24KB") DataSize heapPerStream,
        @DefaultValue("160MB") DataSize heapReserve,
        @DefaultValue("0") int port,
        @DefaultValue("2000") int streamsPerConnection) {

    /**
     * The configured cap, or what the heap can hold: (max heap − reserve) ÷ heap per stream, at least 100. A burst
     * beyond it is refused instead of filling the heap (an {@code OutOfMemoryError} would leave the instance unable
     * to serve anyone).
     */
    public int streamCap(long maxHeapBytes) {
        if (maxStreams > 0) {
            return maxStreams;
        }
        long budget = maxHeapBytes - heapReserve.toBytes();
        return (int) Math.max(100, Math.min(Integer.MAX_VALUE, budget / heapPerStream.toBytes()));
    }
}

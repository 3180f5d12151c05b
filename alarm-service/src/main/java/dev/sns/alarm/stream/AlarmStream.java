package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.Unread;
import dev.sns.web.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open SSE streams of this instance, by user (a user may hold several: tabs, devices). Sends heartbeats, and
 * on shutdown ends every stream before the web server's graceful shutdown starts waiting for open requests, so a
 * stop takes no longer than the streams need to close (clients reconnect to another instance with Last-Event-ID).
 */
@Component
public class AlarmStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlarmStream.class);

    private final AlarmStreamProperties properties;
    private final StreamsByUser<AlarmConnection> byUser;
    // made anew by start(): a stopped context may be started again (Spring's test context pausing does that)
    private volatile ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ScheduledExecutorService heartbeats;
    private volatile boolean running;
    private volatile boolean closed;
    private final Counter delivered;
    private final Counter refused;

    public AlarmStream(AlarmStreamProperties properties, MeterRegistry meters) {
        this.properties = properties;
        int cap = properties.streamCap(Runtime.getRuntime().maxMemory());
        this.byUser = new StreamsByUser<>(cap);
        log.info("Admitting up to {} alarm streams", cap);
        this.refused = Counter.builder("sns.sse.refused")
                .description("Streams refused because the instance held as many as it admits").register(meters);
        Gauge.builder("sns.sse.capacity", () -> cap).description("Streams this instance admits at once")
                .register(meters);
        this.delivered = Counter.builder("sns.alarms.delivered").description("Alarms pushed to open streams")
                .register(meters);
        Gauge.builder("sns.sse.connections", byUser, StreamsByUser::total)
                .description("Open alarm streams on this instance").register(meters);
    }

    /**
     * Opens a stream for the user: first {@code connect completed}, then {@code missed} (run after the stream is
     * registered, so no alarm stored meanwhile falls between the two), then the {@code unread} count, then live
     * alarms and counts.
     */
    public SseEmitter open(long userId, Supplier<List<AlarmResponse>> missed, Supplier<Unread> unread) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        if (closed) {
            emitter.complete(); // shutting down: the client reconnects, hopefully elsewhere
            return emitter;
        }
        AlarmConnection connection = new AlarmConnection(userId, emitter, senders, this::remove);
        if (!byUser.add(userId, connection)) {
            refused.increment();
            // spread the retries of a burst (a mass reconnect) over a few seconds
            throw ApiException.unavailable("Too many open alarm streams on this instance, try again later",
                    Duration.ofSeconds(ThreadLocalRandom.current().nextInt(1, 6)));
        }
        connection.greet();
        try {
            connection.replay(missed.get(), unread.get());
        } catch (RuntimeException e) {
            // an error status would make EventSource give up for good; an ended stream makes it come back
            // (with the same Last-Event-ID) a few seconds later
            log.warn("Cannot read the alarms user {} missed, ending the stream so the client retries: {}", userId,
                    e.getMessage());
            connection.close();
        }
        if (closed) {
            connection.close();
        }
        return emitter;
    }

    /** Pushes the alarm to every stream of the user on this instance. */
    public void deliver(long userId, AlarmResponse alarm) {
        delivered.increment(byUser.forEach(userId, connection -> connection.deliver(alarm)));
    }

    /** Pushes the user's unread count to every stream of the user on this instance (unless it is older than theirs). */
    public void deliverUnread(long userId, Unread unread) {
        byUser.forEach(userId, connection -> connection.deliverUnread(unread));
    }

    /** How many streams this instance holds for the user. */
    public int connections(long userId) {
        return byUser.count(userId);
    }

    private void remove(AlarmConnection connection) {
        byUser.remove(connection.userId(), connection);
    }

    private void heartbeat() {
        byUser.all().forEach(AlarmConnection::heartbeat);
    }

    @Override
    public void start() {
        if (senders.isShutdown()) {
            senders = Executors.newVirtualThreadPerTaskExecutor();
        }
        long every = properties.heartbeat().toMillis();
        heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("alarm-heartbeat").daemon().factory());
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        closed = false;
        running = true;
    }

    @Override
    public void stop() {
        closed = true;
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        List<AlarmConnection> open = byUser.all();
        open.forEach(AlarmConnection::close);
        senders.shutdown();
        running = false;
        log.info("Closed {} alarm stream(s)", open.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops just before the graceful shutdown of the web server, which would otherwise wait for these streams. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}

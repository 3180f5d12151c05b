package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.Unread;
import dev.sns.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The open SSE streams of this instance, by user (a user may hold several: tabs, devices). Sends heartbeats, and
 * on shutdown ends every stream before the web server's graceful shutdown starts waiting for open requests, so a
 * stop takes no longer than the streams need to close (clients reconnect to another instance with Last-Event-ID).
 * <p>
 * No gap: each stream knows the version of its user's read state it has caught up with (every stored batch of the
 * user's alarms and every read makes the next version). A fan-out message that skips a version, or a heartbeat round
 * that finds a newer version in the database than a stream has seen (the lost message was the user's last one),
 * makes the stream catch up from the database without reconnecting: the alarms after the last one it had in order.
 */
@Component
public class AlarmStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlarmStream.class);
    /** How long a new stream waits for its user's fan-out channel before it reads its replay. */
    private static final Duration SUBSCRIPTION_WAIT = Duration.ofSeconds(2);
    /** A stream whose events the server has not taken this long after the opening: its request was cancelled. */
    private static final Duration ABANDONED_AFTER = Duration.ofSeconds(10);
    /** Users per version query of a heartbeat round. */
    private static final int CHECK_CHUNK = 500;

    private final AlarmStreamProperties properties;
    private final SseFrames frames;
    private final StreamHistory history;
    private final StreamsByUser<AlarmConnection> byUser;
    private final ObjectProvider<UserChannels> channels;
    // made anew by start(): a stopped context may be started again (Spring's test context pausing does that)
    private volatile ExecutorService catchUps = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ScheduledExecutorService heartbeats;
    private volatile boolean running;
    private volatile boolean closed;
    private final Counter delivered;
    private final Counter refused;
    private final Counter caughtUp;

    /**
     * @param channels the per-user fan-out subscriptions; looked up when first needed, as they listen with the fan-out,
     *                 which delivers to this
     */
    public AlarmStream(AlarmStreamProperties properties, SseFrames frames, StreamHistory history,
                       ObjectProvider<UserChannels> channels, MeterRegistry meters) {
        this.properties = properties;
        this.frames = frames;
        this.history = history;
        this.channels = channels;
        int cap = properties.streamCap(Runtime.getRuntime().maxMemory());
        this.byUser = new StreamsByUser<>(cap, new StreamsByUser.Presence() {
            @Override
            public void arrived(long userId) {
                channels().arrived(userId);
            }

            @Override
            public void left(long userId) {
                channels().left(userId);
            }
        });
        log.info("Admitting up to {} alarm streams", cap);
        this.refused = Counter.builder("sns.sse.refused")
                .description("Streams refused because the instance held as many as it admits").register(meters);
        Gauge.builder("sns.sse.capacity", () -> cap).description("Streams this instance admits at once")
                .register(meters);
        this.delivered = Counter.builder("sns.alarms.delivered").description("Alarms pushed to open streams")
                .register(meters);
        this.caughtUp = Counter.builder("sns.sse.catch-ups")
                .description("Catch-ups of a stream from the database: a lost fan-out message, or a replay's next page")
                .register(meters);
        Gauge.builder("sns.sse.connections", byUser, StreamsByUser::total)
                .description("Open alarm streams on this instance").register(meters);
    }

    /**
     * Opens a stream for the user: first {@code connect completed}, then every alarm after {@code lastEventId}, oldest
     * first (read after the stream is registered, so no alarm stored meanwhile falls between the two; a page at a
     * time, each once the client took the one before), then the unread count, then live alarms and counts. Blocks
     * for the first page's queries; refuses with 503 beyond the admission cap.
     *
     * @param lastEventId the last alarm the client saw (Last-Event-ID), null for none (no replay)
     */
    public Flux<String> open(long userId, Long lastEventId) {
        if (closed) {
            return Flux.empty(); // shutting down: the client reconnects, hopefully elsewhere
        }
        AlarmConnection connection = new AlarmConnection(userId, lastEventId == null ? 0 : lastEventId, frames,
                this::remove);
        if (!byUser.add(userId, connection)) {
            refused.increment();
            // spread the retries of a burst (a mass reconnect) over a few seconds
            throw ApiException.unavailable("Too many open alarm streams on this instance, try again later",
                    Duration.ofSeconds(ThreadLocalRandom.current().nextInt(1, 6)));
        }
        connection.greet();
        // nothing published after the replay's queries may pass the stream by: its user's channel first (a message
        // that still slips through, e.g. while Redis is away, is caught up by the sequence check)
        channels().awaitSubscribed(userId, SUBSCRIPTION_WAIT);
        try {
            // the position first: every alarm of its version or older is then found by the alarm query after it
            StreamPosition position = history.position(userId);
            boolean more = lastEventId == null
                    ? connection.replay(List.of(), position) // a new stream: what comes from now on
                    : sendMissed(connection, lastEventId, position, "opened");
            if (more) {
                catchUp(connection);
            }
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
        return connection.events(properties.timeout());
    }

    /**
     * Pushes one fan-out message of the user to each of the user's streams on this instance: the alarms of a stored
     * batch (oldest first; none for a read), then the user's count after it (unless older than a stream's). A stream
     * for which the count skips a version catches up from the database first, then sends these.
     *
     * @param unread the count after the batch; null from instances that do not send it
     */
    public void deliver(long userId, List<AlarmResponse> alarms, Unread unread) {
        int streams = byUser.forEach(userId, connection -> {
            if (connection.deliver(alarms, unread)) {
                catchUp(connection);
            }
        });
        delivered.increment((double) streams * alarms.size());
    }

    /** How many streams this instance holds for the user. */
    public int connections(long userId) {
        return byUser.count(userId);
    }

    private UserChannels channels() {
        return channels.getObject();
    }

    private void remove(AlarmConnection connection) {
        byUser.remove(connection.userId(), connection);
    }

    /**
     * Sends the user's alarms after {@code after} that the stream lacks, oldest first, read after {@code position}:
     * one page of at most {@link #pageSize()}. Answers whether another round must follow: a full page that ends below
     * the position's newest alarm (the rest waits in the database; live alarms stay held back meanwhile), or a count
     * held back during the replay that skips a version beyond the position.
     */
    private boolean sendMissed(AlarmConnection connection, long after, StreamPosition position, String what) {
        int pageSize = pageSize();
        List<AlarmResponse> missed = history.after(connection.userId(), after, pageSize);
        boolean lastPage = missed.size() < pageSize || missed.getLast().id() >= position.lastAlarmId();
        if (log.isDebugEnabled()) { // not on every opening of a 10,000-stream burst unless asked for
            log.debug("Stream of user {} {} after alarm {}: position {}, sends {}{}", connection.userId(), what, after,
                    position, ids(missed), lastPage ? "" : ", more to come");
        }
        if (lastPage) {
            return connection.replay(missed, position);
        }
        connection.replayPage(missed);
        return true;
    }

    /** Missed alarms per query and per push: a page leaves room in the stream's outbox for live events. */
    private int pageSize() {
        return Math.min(properties.replayPage(), AlarmConnection.OUTBOX / 2);
    }

    /** The ids of a replay, for the debug log (docs/reliability.md: what a reconnect replayed). */
    private static String ids(List<AlarmResponse> alarms) {
        return alarms.isEmpty() ? "nothing" : alarms.size() + " alarm(s) " + alarms.getFirst().id() + ".."
                + alarms.getLast().id();
    }

    private void catchUp(AlarmConnection connection) {
        caughtUp.increment();
        try {
            catchUps.execute(() -> {
                try {
                    if (!connection.awaitRoom(pageSize() + 1, properties.heartbeat())) {
                        connection.close(); // the client took nothing for a heartbeat: it resumes with Last-Event-ID
                        return;
                    }
                    StreamPosition position = history.position(connection.userId());
                    if (sendMissed(connection, connection.syncedAlarmId(), position, "catches up")) {
                        catchUp(connection); // the next page, or a count held back meanwhile skips a version again
                    }
                } catch (RuntimeException e) {
                    log.warn("Cannot catch up a stream of user {}, ending it so the client retries: {}",
                            connection.userId(), e.getMessage());
                    connection.close();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) { // shutting down
            connection.close();
        }
    }

    /** Heartbeats, then the version check: a stream whose user's stored version is newer than its own catches up. */
    private void heartbeat() {
        List<AlarmConnection> open = byUser.all();
        for (AlarmConnection connection : open) {
            if (connection.abandoned(ABANDONED_AFTER)) {
                connection.close(); // its request was cancelled while it opened: nobody reads it
            } else {
                connection.heartbeat();
            }
        }
        List<Long> users = new ArrayList<>(byUser.users());
        for (int from = 0; from < users.size() && running; from += CHECK_CHUNK) {
            Map<Long, Unread> stored;
            try {
                stored = history.unread(users.subList(from, Math.min(users.size(), from + CHECK_CHUNK)));
            } catch (RuntimeException e) {
                log.warn("Cannot check the streams' versions ({}); trying again at the next heartbeat", e.getMessage());
                return;
            }
            stored.forEach((userId, unread) -> byUser.forEach(userId, connection -> {
                if (connection.behind(unread)) {
                    catchUp(connection);
                }
            }));
        }
    }

    @Override
    public void start() {
        if (catchUps.isShutdown()) {
            catchUps = Executors.newVirtualThreadPerTaskExecutor();
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
        running = false;
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        List<AlarmConnection> open = byUser.all();
        open.forEach(AlarmConnection::close);
        catchUps.shutdown();
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

package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.Unread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One open SSE stream of one user. Events are queued (as the bytes of the format, {@link SseFrames}) in a bounded
 * buffer that the stream server drains as the client's socket takes them, so whoever delivers (the Redis listener, the
 * heartbeat) never waits for a slow client, and the order is kept. A client that falls {@value #OUTBOX} events
 * behind is cut off (it reconnects with Last-Event-ID and gets what it missed from the database). A replay of many
 * missed alarms goes a page at a time, each once the client took the one before ({@link #awaitRoom}).
 * <p>
 * Until {@link #replay} has run, live alarms are held back, so missed alarms come first; none is sent twice.
 * Unread counts are sent as {@code unread} events, newest version only: a count older than the last one sent (a
 * late fan-out message of another instance) is dropped. The version of the user's read state is also the stream's
 * sequence: it grows by one with each stored batch of the user's alarms and each read, so a count that skips a
 * version means a fan-out message was lost ({@link #behind}).
 */
final class AlarmConnection {

    static final int RECENTLY_SENT = 256;
    static final int OUTBOX = 256;

    private final long userId;
    private final SseFrames frames;
    private final Consumer<AlarmConnection> onClosed;
    private final Sinks.Many<String> outbox = Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(OUTBOX).get());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger(); // events in the outbox, not yet taken by the server
    private volatile long handedOut; // System.nanoTime() when the events were handed to the server; 0 before
    private volatile boolean taken; // the server subscribed to the events: the response is under way
    private List<AlarmResponse> heldBack = new ArrayList<>(); // null once the replay is done; guarded by this
    private Unread heldBackUnread; // the newest count that came before the replay was done; guarded by this
    private long unreadVersion = -1; // of the last unread count sent; guarded by this
    private long lastAlarmId; // the highest alarm id sent; guarded by this
    private long syncedVersion = -1; // the read-state version this stream has every alarm of; guarded by this
    private long syncedAlarmId; // the newest alarm of that version: a catch-up reads the alarms after it; guarded by this
    /**
     * The ids this stream sent last, guarded by this: an alarm is never sent twice, also when a copy comes late (the
     * fan-out message of an alarm the replay query already found; a publish that timed out but reached Redis and was
     * pushed directly too). Holds more than a page of a replay ({@code sns.alarm.stream.replay-page}, 100).
     */
    private final Set<Long> recentlySent = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > RECENTLY_SENT;
        }
    });

    /** @param lastEventId the last alarm id the client saw (Last-Event-ID), 0 if none */
    AlarmConnection(long userId, long lastEventId, SseFrames frames, Consumer<AlarmConnection> onClosed) {
        this.userId = userId;
        this.lastAlarmId = lastEventId;
        this.syncedAlarmId = lastEventId;
        this.frames = frames;
        this.onClosed = onClosed;
    }

    /**
     * What the server writes to the client: the queued events, ending after {@code timeout} (the client reconnects),
     * on {@link #close} or when the client is gone (the stream server cancels it), each of which forgets the stream.
     */
    Flux<String> events(Duration timeout) {
        handedOut = System.nanoTime();
        return outbox.asFlux().doOnSubscribe(subscription -> taken = true).doOnNext(event -> queued.decrementAndGet())
                .take(timeout).doFinally(signal -> forget());
    }

    /**
     * Whether the server has not taken this stream's events {@code grace} after they were handed to it: the request
     * was cancelled while the stream was being opened (client gone). Such a stream would hold its place until its
     * queue overflowed. (A stream still opening, waiting for its channel or its replay, is not abandoned.)
     */
    boolean abandoned(Duration grace) {
        long since = handedOut;
        return !taken && since != 0 && System.nanoTime() - since > grace.toNanos();
    }

    /** Queues the course's first event; call once the stream is admitted, before {@link #replay}. */
    void greet() {
        enqueue(SseFrames.CONNECTED);
    }

    long userId() {
        return userId;
    }

    /**
     * One fan-out message of the user: the alarms of a stored batch (oldest first; none for a read) and the user's
     * count after it (null from instances that do not send it). The alarms go out only once every older one has: a
     * count that skips a version (an older message was lost, or is late) holds them back until {@link #replay} of a
     * catch-up from the database has sent what is missing first. So the ids a client sees only grow, and a client that
     * reconnects with the newest id it saw (Last-Event-ID) has had every alarm before it. Answers whether a catch-up
     * must start.
     */
    synchronized boolean deliver(List<AlarmResponse> alarms, Unread unread) {
        if (heldBack != null) { // a replay or catch-up runs: it reads the database after these were stored
            heldBack.addAll(alarms);
            if (unread != null) {
                heldBackUnread = heldBackUnread == null ? unread : Unread.latest(heldBackUnread, unread);
            }
            return false;
        }
        if (unread != null && unread.version() > syncedVersion + 1) {
            heldBack = new ArrayList<>(alarms);
            heldBackUnread = unread;
            return true;
        }
        alarms.forEach(this::sendOnce);
        if (unread != null) {
            inOrder(unread);
        }
        return false;
    }

    /**
     * Whether the stored state of the user ({@code stored}, read by a heartbeat round) is newer than what this stream
     * caught up with: a lost fan-out message that was the user's last one. If so, live alarms are held back until
     * {@link #replay} of a catch-up (false while a replay or catch-up runs: it reads the database after this).
     */
    synchronized boolean behind(Unread stored) {
        if (heldBack != null || stored.version() <= syncedVersion) {
            return false;
        }
        heldBack = new ArrayList<>();
        return true;
    }

    /**
     * Sends {@code missed} (read from the database after {@code position}), then the live alarms held back meanwhile
     * (without repeats), then the newest count. The stream has then caught up with {@code position}. Answers whether a
     * count held back meanwhile skips a version beyond it: then another catch-up must follow (live alarms stay held).
     */
    synchronized boolean replay(List<AlarmResponse> missed, StreamPosition position) {
        missed.forEach(this::sendOnce);
        if (position.unread().version() > syncedVersion) {
            syncedVersion = position.unread().version();
            syncedAlarmId = Math.max(syncedAlarmId, position.lastAlarmId());
        }
        List<AlarmResponse> live = heldBack == null ? List.of() : heldBack;
        heldBack = null;
        live.forEach(this::sendOnce);
        sendIfNewer(position.unread());
        Unread pending = heldBackUnread;
        heldBackUnread = null;
        return pending != null && inOrder(pending);
    }

    /**
     * Sends one page of missed alarms (read from the database in id order) that is not the last one: more missed
     * alarms wait in the database, and the next catch-up reads them after these. Live alarms stay held back until
     * {@link #replay} of the last page, so the ids a client sees still only grow.
     */
    synchronized void replayPage(List<AlarmResponse> missed) { // a full page: never empty
        missed.forEach(this::sendOnce);
        syncedAlarmId = Math.max(syncedAlarmId, missed.getLast().id());
    }

    /**
     * Waits until the outbox has room for {@code events} more (the client took what was queued), so that a long
     * replay goes at the client's pace instead of overflowing the outbox. Answers false if the stream closed, or if
     * the client took nothing for {@code patience}.
     */
    boolean awaitRoom(int events, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (queued.get() + events > OUTBOX) {
            if (closed.get() || System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(5_000_000);
        }
        return !closed.get();
    }

    /** Where a catch-up from the database starts: the last alarm id up to which this stream has every alarm. */
    synchronized long syncedAlarmId() {
        return syncedAlarmId;
    }

    /** A live count: moves the caught-up version if it is the next one, else starts holding back for a catch-up. */
    private boolean inOrder(Unread unread) { // the caller holds the lock
        boolean gap = unread.version() > syncedVersion + 1;
        if (unread.version() == syncedVersion + 1) {
            syncedVersion = unread.version();
            // this count's alarms came right before it, every older one before them (a read's count brings none)
            syncedAlarmId = Math.max(syncedAlarmId, lastAlarmId);
        }
        sendIfNewer(unread);
        if (gap) {
            heldBack = new ArrayList<>();
        }
        return gap;
    }

    private void sendIfNewer(Unread unread) { // the caller holds the lock
        if (unread.version() > unreadVersion) {
            unreadVersion = unread.version();
            enqueue(frames.unread(unread));
        }
    }

    private void sendOnce(AlarmResponse alarm) { // the caller holds the lock
        if (recentlySent.add(alarm.id())) {
            lastAlarmId = Math.max(lastAlarmId, alarm.id());
            enqueue(frames.alarm(alarm));
        }
    }

    void heartbeat() {
        enqueue(SseFrames.HEARTBEAT);
    }

    /** Ends the stream from the server side (shutdown, a client too far behind); the client will reconnect. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            onClosed.accept(this);
            synchronized (this) {
                outbox.tryEmitComplete();
            }
        }
    }

    /** The stream ended (client gone, timed out, completed): only drop it. */
    private void forget() {
        if (closed.compareAndSet(false, true)) {
            onClosed.accept(this);
        }
    }

    /** Serialized: the sink takes one producer at a time. */
    private synchronized void enqueue(String event) {
        if (closed.get()) {
            return;
        }
        queued.incrementAndGet(); // before the emit: the server may take the event at once
        Sinks.EmitResult result = outbox.tryEmitNext(event);
        if (result.isFailure()) { // full (a client too far behind) or already gone
            queued.decrementAndGet();
            close();
        }
    }
}

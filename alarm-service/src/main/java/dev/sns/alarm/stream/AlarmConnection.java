package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.Unread;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * One open SSE stream of one user. Events are queued and written by one sender at a time on a virtual thread, so
 * whoever delivers (the Redis listener, the heartbeat) never waits for a slow client, and the order is kept.
 * Until {@link #replay} has run, live alarms are held back, so missed alarms come first; none is sent twice.
 * Unread counts are sent as {@code unread} events, newest version only: a count older than the last one sent (a
 * late fan-out message of another instance) is dropped.
 */
final class AlarmConnection {

    static final String EVENT_NAME = "alarm";
    static final String UNREAD_EVENT_NAME = "unread";
    static final int RECENTLY_SENT = 256;

    private final long userId;
    private final SseEmitter emitter;
    private final Executor senders;
    private final Consumer<AlarmConnection> onClosed;
    private final Queue<SseEventBuilder> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private List<AlarmResponse> heldBack = new ArrayList<>(); // null once the replay is done; guarded by this
    private Unread heldBackUnread; // the newest count that came before the replay was done; guarded by this
    private long unreadVersion = -1; // of the last unread count sent; guarded by this
    /**
     * The ids this stream sent last, guarded by this: an alarm is never sent twice, also when a copy comes late (the
     * fan-out message of an alarm the replay query already found; a publish that timed out but reached Redis and was
     * pushed directly too). Holds more than a replay sends ({@code sns.alarm.stream.replay-limit}, 100).
     */
    private final Set<Long> recentlySent = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > RECENTLY_SENT;
        }
    });

    AlarmConnection(long userId, SseEmitter emitter, Executor senders, Consumer<AlarmConnection> onClosed) {
        this.userId = userId;
        this.emitter = emitter;
        this.senders = senders;
        this.onClosed = onClosed;
        emitter.onCompletion(this::forget);
        emitter.onError(failure -> forget());
        emitter.onTimeout(this::close);
    }

    /** Queues the course's first event; call once the stream is admitted, before {@link #replay}. */
    void greet() {
        enqueue(SseEmitter.event().name(EVENT_NAME).data("connect completed"));
    }

    long userId() {
        return userId;
    }

    SseEmitter emitter() {
        return emitter;
    }

    synchronized void deliver(AlarmResponse alarm) {
        if (heldBack != null) {
            heldBack.add(alarm);
        } else {
            sendOnce(alarm);
        }
    }

    synchronized void deliverUnread(Unread unread) {
        if (heldBack != null) {
            heldBackUnread = heldBackUnread == null ? unread : Unread.latest(heldBackUnread, unread);
        } else {
            sendIfNewer(unread);
        }
    }

    /**
     * Sends the alarms missed before connecting, then the live ones that arrived meanwhile (without repeats), then the
     * newer of {@code unread} (read after the stream was registered) and a count that arrived meanwhile.
     */
    synchronized void replay(List<AlarmResponse> missed, Unread unread) {
        missed.forEach(this::sendOnce);
        heldBack.forEach(this::sendOnce);
        heldBack = null;
        sendIfNewer(heldBackUnread == null ? unread : Unread.latest(heldBackUnread, unread));
        heldBackUnread = null;
    }

    private void sendIfNewer(Unread unread) { // the caller holds the lock
        if (unread.version() > unreadVersion) {
            unreadVersion = unread.version();
            enqueue(SseEmitter.event().name(UNREAD_EVENT_NAME).data(unread.response(), MediaType.APPLICATION_JSON));
        }
    }

    private void sendOnce(AlarmResponse alarm) { // the caller holds the lock
        if (recentlySent.add(alarm.id())) {
            enqueue(event(alarm));
        }
    }

    void heartbeat() {
        enqueue(SseEmitter.event().comment("heartbeat"));
    }

    /** Ends the stream from the server side (shutdown, timeout, failed write); the client will reconnect. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            outbox.clear();
            onClosed.accept(this);
            try {
                emitter.complete();
            } catch (IllegalStateException e) {
                // the container already ended the request (a failed write): nothing is left to complete
            }
        }
    }

    /** The container ended the stream (client gone, completed): only drop it. */
    private void forget() {
        if (closed.compareAndSet(false, true)) {
            outbox.clear();
            onClosed.accept(this);
        }
    }

    private static SseEventBuilder event(AlarmResponse alarm) {
        return SseEmitter.event().name(EVENT_NAME).id(String.valueOf(alarm.id())).data(alarm, MediaType.APPLICATION_JSON);
    }

    private void enqueue(SseEventBuilder event) {
        if (closed.get()) {
            return;
        }
        outbox.add(event);
        if (sending.compareAndSet(false, true)) {
            try {
                senders.execute(this::drain);
            } catch (RejectedExecutionException e) { // shutting down
                close();
            }
        }
    }

    private void drain() {
        do {
            SseEventBuilder next;
            while ((next = outbox.poll()) != null) {
                try {
                    emitter.send(next);
                } catch (Exception e) { // client gone, or the stream already completed
                    close();
                    return;
                }
            }
            sending.set(false);
            // an event queued after the last poll but before the flag was cleared would wait forever: look again
        } while (!outbox.isEmpty() && sending.compareAndSet(false, true));
    }
}

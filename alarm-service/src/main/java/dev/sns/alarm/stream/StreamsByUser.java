package dev.sns.alarm.stream;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The open streams of this instance by user (a user may hold several: tabs, devices). Adding and removing both run
 * under the user's entry lock: a set emptied by the close of a user's last stream is dropped, and a stream opened at
 * that moment must not be added to the dropped set, where it would never receive a live alarm. Holds at most a
 * given number of streams over all users (the instance's admission cap).
 */
final class StreamsByUser<S> {

    /** Told when a user's first stream arrives and when the user's last one left, in order per user. */
    interface Presence {
        void arrived(long userId);

        void left(long userId);

        Presence NONE = new Presence() {
            @Override
            public void arrived(long userId) {
            }

            @Override
            public void left(long userId) {
            }
        };
    }

    private final ConcurrentMap<Long, Set<S>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final int cap;
    private final Presence presence;

    /** @param cap the most streams held at once, over all users */
    StreamsByUser(int cap) {
        this(cap, Presence.NONE);
    }

    /**
     * @param cap      the most streams held at once, over all users
     * @param presence told under the user's entry lock (so in order per user) about the user's first and last stream
     */
    StreamsByUser(int cap, Presence presence) {
        this.cap = cap;
        this.presence = presence;
    }

    /** Adds the stream unless {@code cap} streams are open already; answers whether it was added. */
    boolean add(long userId, S stream) {
        if (total.incrementAndGet() > cap) {
            total.decrementAndGet();
            return false;
        }
        byUser.compute(userId, (id, streams) -> {
            Set<S> open = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            if (streams == null) {
                presence.arrived(id);
            }
            if (!open.add(stream)) {
                total.decrementAndGet(); // held already
            }
            return open;
        });
        return true;
    }

    void remove(long userId, S stream) {
        byUser.computeIfPresent(userId, (id, streams) -> {
            if (streams.remove(stream)) {
                total.decrementAndGet();
            }
            if (streams.isEmpty()) {
                presence.left(id);
                return null;
            }
            return streams;
        });
    }

    /** Calls {@code action} for each open stream of the user; answers how many there were. */
    int forEach(long userId, Consumer<S> action) {
        Set<S> streams = byUser.get(userId);
        if (streams == null) {
            return 0;
        }
        streams.forEach(action);
        return streams.size();
    }

    /** The users with an open stream here. */
    java.util.Set<Long> users() {
        return byUser.keySet();
    }

    List<S> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }

    int count(long userId) {
        Set<S> streams = byUser.get(userId);
        return streams == null ? 0 : streams.size();
    }

    int total() {
        return total.get();
    }
}

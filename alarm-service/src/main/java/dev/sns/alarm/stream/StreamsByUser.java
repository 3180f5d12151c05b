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

    private final ConcurrentMap<Long, Set<S>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final int cap;

    /** @param cap the most streams held at once, over all users */
    StreamsByUser(int cap) {
        this.cap = cap;
    }

    /** Adds the stream unless {@code cap} streams are open already; answers whether it was added. */
    boolean add(long userId, S stream) {
        if (total.incrementAndGet() > cap) {
            total.decrementAndGet();
            return false;
        }
        byUser.compute(userId, (id, streams) -> {
            Set<S> open = streams == null ? ConcurrentHashMap.newKeySet() : streams;
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
            return streams.isEmpty() ? null : streams;
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

package dev.sns.chaos;

import dev.sns.testsupport.Gateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client threads that repeat their loop until {@link #stop()}, counting every request by kind and every answer that
 * was not the expected one (a failure) by kind and outcome.
 */
final class Traffic implements AutoCloseable {

    /** One turn of a client's loop. */
    interface Loop {
        void turn() throws Exception;
    }

    /** Every Traffic whose loops may still run: a scenario that fails half-way leaves them to {@link #closeAll}. */
    private static final List<Traffic> OPEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Future<?>> loops = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<Throwable> crashes = new ArrayList<>();

    Traffic() {
        OPEN.add(this);
    }

    static void closeAll() {
        OPEN.forEach(Traffic::close);
    }

    /** Runs {@code loop} on a thread of its own until stopped; an exception is a crash of the client, reported. */
    Traffic loop(Loop loop) {
        loops.add(threads.submit(() -> {
            while (running.get()) {
                try {
                    loop.turn();
                } catch (Exception | AssertionError e) {
                    synchronized (crashes) {
                        crashes.add(e);
                    }
                    ChaosSuite.pause(Duration.ofMillis(200));
                }
            }
        }));
        return this;
    }

    boolean running() {
        return running.get();
    }

    /**
     * Counts the answer under {@code kind}; anything but 2xx and the {@code alsoExpected} statuses (e.g. 409 for a
     * deliberate second like) is a failure.
     */
    Gateway.Reply record(String kind, Gateway.Reply reply, int... alsoExpected) {
        boolean expected = reply.ok() && reply.isEnvelope();
        for (int status : alsoExpected) {
            expected |= reply.status() == status && reply.isEnvelope();
        }
        return recordIf(kind, reply, expected);
    }

    /** Counts the answer under {@code kind}, as a failure unless {@code expected}. */
    Gateway.Reply recordIf(String kind, Gateway.Reply reply, boolean expected) {
        requests.incrementAndGet();
        byKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        if (!expected) {
            failures.computeIfAbsent(kind + " " + reply.outcome(), k -> new AtomicInteger()).incrementAndGet();
        }
        return reply;
    }

    /** Ends every loop after its current turn (also when a scenario fails half-way: try-with-resources). */
    @Override
    public void close() {
        if (running.get()) {
            stop();
        }
    }

    /** Ends every loop after its current turn. */
    Traffic stop() {
        running.set(false);
        OPEN.remove(this);
        for (Future<?> loop : loops) {
            try {
                loop.get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("a traffic loop did not end", e);
            }
        }
        threads.shutdown();
        return this;
    }

    int requests() {
        return requests.get();
    }

    int requests(String kind) {
        AtomicInteger count = byKind.get(kind);
        return count == null ? 0 : count.get();
    }

    int failed() {
        return failures.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    Map<String, Integer> failures() {
        Map<String, Integer> copy = new TreeMap<>();
        failures.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    List<Throwable> crashes() {
        synchronized (crashes) {
            return List.copyOf(crashes);
        }
    }

    Set<String> kinds() {
        return new TreeMap<>(byKind).keySet();
    }

    /** {@code <n> requests, <n> failed {failures}} for the CHAOS line. */
    String summary() {
        return requests() + " requests, " + failed() + " failed" + (failed() == 0 ? "" : " " + failures());
    }
}

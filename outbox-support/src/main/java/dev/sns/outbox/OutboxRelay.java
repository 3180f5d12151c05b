package dev.sns.outbox;

import dev.sns.time.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka, off the request threads, on one relay thread per instance:
 * <ul>
 *   <li>right after a change and its row commit, a round is queued (several commits coalesce into one round), so alarms
 *       follow within milliseconds;</li>
 *   <li>a round also runs on its own as a safety net: {@code poll-interval} after a round that left rows behind (a
 *       failed send, a backlog larger than a batch), {@code idle-poll-interval} after one that found the table empty.
 *       An idle instance thus reads the table every few seconds instead of twice a second, and a commit still wakes it
 *       at once; what a crashed instance or a lost wake-up left behind goes within {@code idle-poll-interval}.</li>
 * </ul>
 * A round claims the oldest unpublished rows with {@code FOR UPDATE SKIP LOCKED} (other instances skip them), sends
 * them in id order, waits for the acknowledgements and stamps the acknowledged rows published, in one transaction.
 * Rows whose send failed stay unpublished for a later round: delivery is at-least-once (docs/events.md). Rounds on a
 * single thread keep one instance's sends in commit order; the first failing send ends the round, so a Kafka outage
 * costs one {@code max.block.ms} per round, not one per row.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final TransactionTemplate readCommitted;
    private final OutboxTracing tracing;
    private final Clock clock;
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    private volatile boolean failing;
    private volatile long backlog;
    /** The next round the relay runs on its own (replaced after every round, on the relay thread). */
    private ScheduledFuture<?> safetyRound;

    OutboxRelay(OutboxRepository outbox, KafkaTemplate<String, String> kafka, OutboxProperties properties,
                PlatformTransactionManager transactionManager, OutboxTracing tracing, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.tracing = tracing;
        this.kafka = kafka;
        this.properties = properties;
        this.readCommitted = new TransactionTemplate(transactionManager);
        this.readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    /** After the change and its outbox row are committed (never before: a rolled-back event must not leave). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onAppended(OutboxAppended appended) {
        publishSoon();
    }

    /** Queues a round unless one is already waiting; never blocks the caller. */
    void publishSoon() {
        ScheduledExecutorService relay = executor;
        if (relay != null && roundQueued.compareAndSet(false, true)) {
            try {
                relay.execute(() -> {
                    roundQueued.set(false);
                    round();
                });
            } catch (RejectedExecutionException e) {
                roundQueued.set(false); // shutting down: the next start (or another instance) publishes the row
            }
        }
    }

    private void round() {
        boolean idle = false;
        try {
            int published;
            do {
                published = readCommitted.execute(status -> publishBatch());
            } while (published == properties.batchSize());
            idle = published == 0 && !failing;
        } catch (RuntimeException e) {
            log.warn("Outbox round failed, rows stay for the next one: {}", e.toString());
        } finally {
            scheduleSafetyRound(idle ? properties.idlePollInterval() : properties.pollInterval());
        }
    }

    /** The relay's own next round, {@code delay} from now, instead of the one planned (runs on the relay thread). */
    private void scheduleSafetyRound(java.time.Duration delay) {
        ScheduledExecutorService relay = executor;
        cancelSafetyRound();
        try {
            safetyRound = relay == null ? null : relay.schedule(this::round, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            safetyRound = null; // shutting down
        }
    }

    private void cancelSafetyRound() {
        if (safetyRound != null) {
            safetyRound.cancel(false);
            safetyRound = null;
        }
    }

    /** One claimed batch; returns how many rows were published, -1 when a send failed. */
    private int publishBatch() {
        outbox.countBackgroundConnection(); // this round's transaction holds one
        List<OutboxRow> rows = outbox.claimUnpublished(properties.batchSize());
        if (rows.isEmpty()) {
            backlog = 0;
            return 0;
        }
        List<Long> published = send(rows);
        outbox.markPublished(published, Timestamps.now(clock));
        boolean drained = rows.size() < properties.batchSize() && published.size() == rows.size();
        backlog = drained ? 0 : outbox.countUnpublished();
        return published.size() == rows.size() ? published.size() : -1;
    }

    /** Unpublished rows after the last round (0 once a round found none left). */
    long backlog() {
        return backlog;
    }

    private List<Long> send(List<OutboxRow> rows) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (OutboxRow row : rows) {
            CompletableFuture<?> send;
            try {
                send = tracing.continuing(row.traceParent(), () -> kafka.send(row.topic(), row.messageKey(), row.payload()));
            } catch (RuntimeException e) {
                send = CompletableFuture.failedFuture(e);
            }
            sends.add(send);
            if (send.isCompletedExceptionally()) {
                break; // Kafka is unreachable: do not wait max.block.ms for each remaining row
            }
        }
        List<Long> published = new ArrayList<>();
        Throwable failure = null;
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.add(rows.get(i).id());
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (TimeoutException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
                break;
            }
        }
        if (failure == null && sends.size() < rows.size()) {
            failure = new IllegalStateException("round ended early");
        }
        report(rows.size(), published.size(), failure);
        return published;
    }

    /** Logs the change between working and failing, not every failing round. */
    private void report(int claimed, int published, Throwable failure) {
        if (failure != null && !failing) {
            failing = true;
            log.warn("Publishing to Kafka fails ({} of {} rows sent), unpublished rows are retried every {}: {}",
                    published, claimed, properties.pollInterval(), failure.toString());
        } else if (failure == null && failing) {
            failing = false;
            log.info("Publishing to Kafka works again");
        }
    }

    @Override
    public void start() {
        ScheduledThreadPoolExecutor relay = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        relay.setRemoveOnCancelPolicy(true); // a cancelled safety round does not hold up the shutdown
        executor = relay;
        relay.execute(this::round); // what the last run (or another instance) left, then the safety rounds
    }

    @Override
    public void stop() {
        ScheduledExecutorService relay = executor;
        executor = null;
        if (relay != null) {
            // after the rounds already queued (commits of requests still finishing), which plan no safety round now
            relay.execute(this::cancelSafetyRound);
            relay.shutdown();
            try {
                if (!relay.awaitTermination(properties.sendTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS)) {
                    relay.shutdownNow();
                }
            } catch (InterruptedException e) {
                relay.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Started before and stopped after the web server: requests finishing during a graceful shutdown still relay. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}

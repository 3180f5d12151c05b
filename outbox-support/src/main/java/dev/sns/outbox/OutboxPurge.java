package dev.sns.outbox;

import dev.sns.time.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps outbox_events bounded: every {@code purge-interval} it deletes the rows published more than
 * {@code retention} ago, {@code purge-batch-size} rows per statement until none is left, so no statement holds many
 * locks or runs long while likes insert new rows. Unpublished rows are never deleted, however old. Every instance
 * runs it; two purging at once only delete fewer rows each.
 */
class OutboxPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPurge.class);

    private final OutboxRepository outbox;
    private final OutboxProperties properties;
    private final Counter purged;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;

    OutboxPurge(OutboxRepository outbox, OutboxProperties properties, MeterRegistry meters, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
        this.purged = Counter.builder("sns.outbox.purged")
                .description("Published outbox rows deleted after the retention period").register(meters);
    }

    /** One purge: deletes in batches until a batch comes back short; returns how many rows went. */
    int purge() {
        Instant cutoff = Timestamps.now(clock).minus(properties.retention());
        int total = 0;
        int deleted;
        do {
            deleted = outbox.deletePublishedBefore(cutoff, properties.purgeBatchSize());
            total += deleted;
        } while (deleted == properties.purgeBatchSize());
        purged.increment(total);
        return total;
    }

    private void scheduled() {
        try {
            int deleted = purge();
            if (deleted > 0) {
                log.debug("Purged {} published outbox rows older than {}", deleted, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Outbox purge failed, trying again in {}: {}", properties.purgeInterval(), e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-purge").daemon().factory());
        long interval = properties.purgeInterval().toMillis();
        purger.scheduleWithFixedDelay(this::scheduled, interval, interval, TimeUnit.MILLISECONDS);
        executor = purger;
    }

    @Override
    public void stop() {
        ScheduledExecutorService purger = executor;
        executor = null;
        if (purger != null) {
            purger.shutdownNow(); // a purge cut short leaves its rows for the next one
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}

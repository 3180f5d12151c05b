package dev.sns.post.popular;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts the tally back from the database when Redis has lost it (no {@link PopularTally#BUILT} marker: a new Redis, a
 * flush, the first start): every like of the last 7 days on someone else's post that is not deleted, read in time
 * order a page at a time (index idx_likes_registered) and applied like the events are. Events keep being applied
 * meanwhile; since every change is idempotent per like (apply.lua), the two meet without counting anything twice. The
 * marker is set when all pages are in, so a rebuild cut short is done again. Every instance looks every
 * {@code rebuild-check-interval} (and a read that finds no marker asks at once); one at a time rebuilds (a lock key).
 */
@Component
class PopularRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PopularRebuild.class);

    private final PopularTally tally;
    private final JdbcClient jdbc;
    private final PopularProperties properties;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    private final Clock clock;

    PopularRebuild(PopularTally tally, JdbcClient jdbc, PopularProperties properties, Clock clock) {
        this.clock = clock;
        this.tally = tally;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** A check (and, when due, a rebuild) on the rebuild thread, unless one is already waiting; never blocks. */
    void checkSoon() {
        ScheduledExecutorService rebuilder = executor;
        if (rebuilder != null && queued.compareAndSet(false, true)) {
            try {
                rebuilder.execute(this::check);
            } catch (RejectedExecutionException e) {
                queued.set(false); // stopping
            }
        }
    }

    private void check() {
        queued.set(false);
        try {
            if (!tally.built()) {
                rebuild();
            }
        } catch (RuntimeException e) {
            log.warn("Popular posts: checking or rebuilding the tally failed, trying again in {}: {}",
                    properties.rebuildCheckInterval(), e.toString());
        }
    }

    /** Rebuilds unless another instance is at it; returns how many likes were applied (-1: someone else's turn). */
    long rebuild() {
        if (!tally.lockRebuild(properties.rebuildLockTtl())) {
            return -1;
        }
        try {
            long started = System.nanoTime();
            Instant since = PopularWindow.horizon(clock.instant());
            long applied = 0;
            Instant lastAt = since;
            long lastId = 0;
            List<Row> page;
            do {
                page = page(lastAt, lastId);
                tally.apply(page.stream().map(row -> new LikeChange(row.likeId(), row.postId(), row.at(), true)).toList());
                applied += page.size();
                if (!page.isEmpty()) {
                    lastAt = page.getLast().at();
                    lastId = page.getLast().likeId();
                }
            } while (page.size() == properties.rebuildBatchSize());
            tally.markBuilt();
            log.info("Popular posts: tally rebuilt from {} likes since {} in {} ms", applied, since,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return applied;
        } finally {
            tally.unlockRebuild();
        }
    }

    /** The next likes after (lastAt, lastId) in time order; a like of your own post or of a deleted one counts nowhere. */
    private List<Row> page(Instant lastAt, long lastId) {
        return jdbc.sql("""
                        SELECT l.id, l.post_id, l.registered_at FROM likes l JOIN posts p ON p.id = l.post_id
                        WHERE (l.registered_at > ? OR (l.registered_at = ? AND l.id > ?))
                          AND p.deleted_at IS NULL AND p.user_id <> l.user_id
                        ORDER BY l.registered_at, l.id LIMIT ?""")
                .params(lastAt, lastAt, lastId, properties.rebuildBatchSize())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    private record Row(long likeId, long postId, Instant at) {
    }

    @Override
    public void start() {
        ScheduledExecutorService rebuilder = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("popular-rebuild").daemon().factory());
        long interval = properties.rebuildCheckInterval().toMillis();
        rebuilder.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
        executor = rebuilder;
    }

    @Override
    public void stop() {
        ScheduledExecutorService rebuilder = executor;
        executor = null;
        if (rebuilder != null) {
            rebuilder.shutdownNow(); // a rebuild cut short sets no marker: the next start does it again
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}

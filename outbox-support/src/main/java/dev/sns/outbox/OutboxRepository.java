package dev.sns.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The outbox_events table, in plain SQL: the claim query needs FOR UPDATE SKIP LOCKED (MySQL 8, MariaDB 10.6+).
 * The outbox's background work (relay rounds, purge) counts each database connection it takes in
 * {@code sns.outbox.connections}: a service can tell them from the connections its requests take (user-service's
 * "auth without lookups" check).
 */
class OutboxRepository {

    private final JdbcClient jdbc;
    private final Counter backgroundConnections;

    OutboxRepository(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.backgroundConnections = Counter.builder("sns.outbox.connections")
                .description("Database connections taken by the outbox's background work: relay rounds and purge")
                .register(meters);
    }

    /** Called by each piece of background work as it takes a connection (a transaction, or a statement outside one). */
    void countBackgroundConnection() {
        backgroundConnections.increment();
    }

    long insert(String eventId, String topic, String messageKey, String payload, Instant createdAt, String traceParent) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO outbox_events (event_id, topic, message_key, payload, created_at, trace_parent)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(eventId, topic, messageKey, payload, createdAt, traceParent)
                .update(key);
        return key.getKeyAs(Number.class).longValue();
    }

    /**
     * Locks up to {@code limit} unpublished rows, oldest first, skipping rows another relay (another instance) holds:
     * two instances never publish the same row at the same time. Run it in READ COMMITTED, where InnoDB locks only
     * the rows returned, not the gap after them, so inserts of new events never wait for a relay round.
     */
    List<OutboxRow> claimUnpublished(int limit) {
        return jdbc.sql("""
                        SELECT id, event_id, topic, message_key, payload, trace_parent FROM outbox_events
                        WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")
                .param(limit)
                .query((rs, n) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
    }

    void markPublished(List<Long> ids, Instant at) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE outbox_events SET published_at = :at WHERE id IN (:ids)")
                    .param("at", at).param("ids", ids).update();
        }
    }

    /**
     * Deletes up to {@code limit} rows published before {@code cutoff}, oldest first (on the published_at index);
     * an unpublished row (published_at NULL) is never among them.
     */
    int deletePublishedBefore(Instant cutoff, int limit) {
        countBackgroundConnection();
        return jdbc.sql("""
                        DELETE FROM outbox_events
                        WHERE published_at IS NOT NULL AND published_at < ? ORDER BY published_at LIMIT ?""")
                .params(cutoff, limit)
                .update();
    }

    long countUnpublished() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_events WHERE published_at IS NULL").query(Long.class).single();
    }
}

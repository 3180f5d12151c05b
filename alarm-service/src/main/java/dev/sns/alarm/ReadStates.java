package dev.sns.alarm;

import dev.sns.alarm.stream.StreamPosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code alarm_reads} table in plain JDBC: per user the id up to which the alarms are read, the number of alarms
 * after it and a version. The row is the lock that orders a user's alarm inserts and reads: both take it first (see
 * {@link ReadService}), so the counter always equals the number of the user's alarms after {@code read_up_to}.
 */
@Repository
class ReadStates {

    /** The state of one user's row. */
    record State(long readUpTo, long unread, long version) {

        static final State NONE = new State(0, 0, 0);
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ReadStates(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        // plain JDBC transactions (no JPA session): READ COMMITTED, so the upserts take no gap locks and a locking
        // read is followed by reads of what was committed before the lock was granted
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    TransactionTemplate transactions() {
        return transactions;
    }

    /**
     * Counts {@code added} new unread alarms per user (creating the rows of first-time receivers) and locks the rows
     * until the transaction ends. Ascending user ids: two batches lock the rows they share in the same order.
     */
    void addUnread(SortedMap<Long, Integer> added) {
        String sql = "INSERT INTO alarm_reads (user_id, unread, version) VALUES "
                + String.join(", ", Collections.nCopies(added.size(), "(?, ?, 1)"))
                // VALUES(col): MariaDB has no row alias, MySQL 8.4 still takes it (deprecated)
                + " ON DUPLICATE KEY UPDATE unread = unread + VALUES(unread), version = version + 1";
        List<Object> parameters = new ArrayList<>(added.size() * 2);
        added.forEach((user, count) -> {
            parameters.add(user);
            parameters.add(count);
        });
        jdbc.sql(sql).params(parameters).update();
    }

    /** The unread counts of these users (no row: {@link Unread#NONE}). */
    Map<Long, Unread> unread(Collection<Long> userIds) {
        Map<Long, Unread> states = new HashMap<>();
        jdbc.sql("SELECT user_id, unread, version FROM alarm_reads WHERE user_id IN (:users)").param("users", userIds)
                .query((row, n) -> Map.entry(row.getLong(1), new Unread(row.getLong(2), row.getLong(3))))
                .list().forEach(state -> states.put(state.getKey(), state.getValue()));
        userIds.forEach(user -> states.putIfAbsent(user, Unread.NONE));
        return states;
    }

    /**
     * The read state and the newest alarm id in one statement, hence one snapshot (InnoDB gives each statement one
     * read view): no alarm of a newer version can be among the ids it counts.
     */
    StreamPosition position(long userId) {
        return jdbc.sql("SELECT r.unread, r.version, (SELECT MAX(a.id) FROM alarms a WHERE a.user_id = ?)"
                        + " FROM (SELECT 1) one LEFT JOIN alarm_reads r ON r.user_id = ?").params(userId, userId)
                .query((row, n) -> new StreamPosition(new Unread(row.getLong(1), row.getLong(2)), row.getLong(3)))
                .single();
    }

    Unread unread(long userId) {
        return jdbc.sql("SELECT unread, version FROM alarm_reads WHERE user_id = ?").param(userId)
                .query((row, n) -> new Unread(row.getLong(1), row.getLong(2))).optional().orElse(Unread.NONE);
    }

    /** The user's state as committed, without a lock (a user who never received an alarm: all zero). */
    State current(long userId) {
        return jdbc.sql("SELECT read_up_to, unread, version FROM alarm_reads WHERE user_id = ?").param(userId)
                .query(ReadStates::state).optional().orElse(State.NONE);
    }

    /** Locks the user's row until the transaction ends; empty if the user never received an alarm. */
    Optional<State> lock(long userId) {
        return jdbc.sql("SELECT read_up_to, unread, version FROM alarm_reads WHERE user_id = ? FOR UPDATE").param(userId)
                .query(ReadStates::state).optional();
    }

    private static State state(ResultSet row, int rowNumber) throws SQLException {
        return new State(row.getLong(1), row.getLong(2), row.getLong(3));
    }

    /** The user's newest alarm id up to {@code upToId}, if any (the (user_id, id) index answers it). */
    Optional<Long> newestUpTo(long userId, long upToId) {
        return jdbc.sql("SELECT MAX(id) FROM alarms WHERE user_id = ? AND id <= ?")
                .params(userId, upToId).query(Long.class).optional(); // MAX of no rows is NULL: empty
    }

    /** How many alarms of the user have an id in (after, upTo]. */
    long countBetween(long userId, long after, long upTo) {
        return jdbc.sql("SELECT COUNT(*) FROM alarms WHERE user_id = ? AND id > ? AND id <= ?")
                .params(userId, after, upTo).query(Long.class).single();
    }

    /** Moves the locked row to a new read mark; answers the new state. */
    Unread update(long userId, State locked, long readUpTo, long unread) {
        jdbc.sql("UPDATE alarm_reads SET read_up_to = ?, unread = ?, version = version + 1 WHERE user_id = ?")
                .params(readUpTo, unread, userId).update();
        return new Unread(unread, locked.version() + 1);
    }
}

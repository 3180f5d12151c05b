package dev.sns.alarm;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The write path of the {@code alarms} table in plain JDBC: a batch of alarms is one multi-row INSERT, in one
 * transaction with the receivers' unread counters. Hibernate's persist, a session and a transaction per alarm cost
 * more CPU than the insert itself; the {@link Alarm} entity stays for the reads (list, replay), which find the rows
 * exactly as Hibernate would have written them.
 */
@Repository
class AlarmWriter {

    private static final String INSERT =
            "INSERT INTO alarms (user_id, alarm_type, from_user_id, target_id, event_id, registered_at) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?)";

    /** Alarms just stored, in the given order, and their receivers' unread counts right after. */
    record Inserted(List<AlarmResponse> alarms, Map<Long, Unread> unread) {

        static final Inserted NONE = new Inserted(List.of(), Map.of());
    }

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final ReadStates readStates;

    AlarmWriter(JdbcTemplate jdbc, JdbcClient client, ReadStates readStates) {
        this.jdbc = jdbc;
        this.client = client;
        this.readStates = readStates;
    }

    /**
     * Stores the alarms and counts them unread for their receivers, in one transaction: the receivers' counter rows
     * are locked first (the order {@link ReadService} relies on), then the alarms go in with one statement, then the
     * new counts are read. A duplicate event id fails it as a whole ({@code DuplicateKeyException}), counters
     * included.
     */
    Inserted insert(List<NewAlarm> alarms, Instant registeredAt) {
        if (alarms.isEmpty()) {
            return Inserted.NONE;
        }
        SortedMap<Long, Integer> perReceiver = new TreeMap<>();
        alarms.forEach(alarm -> perReceiver.merge(alarm.receiverId(), 1, Integer::sum));
        return readStates.transactions().execute(status -> {
            readStates.addUnread(perReceiver);
            List<AlarmResponse> stored = insertRows(alarms, registeredAt);
            return new Inserted(stored, readStates.unread(perReceiver.keySet()));
        });
    }

    /**
     * One multi-row INSERT. The ids come from the generated keys: InnoDB gives the rows of a multi-row INSERT
     * consecutive ids in the order of its VALUES (the number of rows is known up front, in every
     * {@code innodb_autoinc_lock_mode}), and Connector/J hands them back in that order.
     */
    private List<AlarmResponse> insertRows(List<NewAlarm> alarms, Instant registeredAt) {
        // a DATETIME in UTC, as Hibernate writes and reads an Instant here (hibernate.jdbc.time_zone: UTC)
        LocalDateTime registered = LocalDateTime.ofInstant(registeredAt, ZoneOffset.UTC);
        String sql = INSERT + String.join(", ", Collections.nCopies(alarms.size(), ROW));
        return jdbc.execute(connection -> connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS),
                (PreparedStatement statement) -> {
                    int parameter = 1;
                    for (NewAlarm alarm : alarms) {
                        statement.setLong(parameter++, alarm.receiverId());
                        statement.setString(parameter++, alarm.type().name());
                        statement.setLong(parameter++, alarm.actorId());
                        statement.setLong(parameter++, alarm.targetId());
                        statement.setString(parameter++, alarm.eventId());
                        statement.setObject(parameter++, registered);
                    }
                    statement.executeUpdate();
                    List<AlarmResponse> stored = new ArrayList<>(alarms.size());
                    try (ResultSet keys = statement.getGeneratedKeys()) {
                        for (NewAlarm alarm : alarms) {
                            if (!keys.next()) {
                                throw new IncorrectResultSizeDataAccessException(alarms.size(), stored.size());
                            }
                            stored.add(AlarmResponse.stored(keys.getLong(1), alarm, registeredAt));
                        }
                    }
                    return stored;
                });
    }

    /** Which of these events have an alarm already (the unique index on event_id answers it). */
    Set<String> storedEventIds(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(client.sql("SELECT event_id FROM alarms WHERE event_id IN (:eventIds)")
                .param("eventIds", eventIds).query(String.class).list());
    }
}

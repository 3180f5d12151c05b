package dev.sns.alarm;

import dev.sns.alarm.stream.StreamHistory;
import dev.sns.alarm.stream.StreamPosition;
import dev.sns.time.Timestamps;
import dev.sns.web.conditional.ETags;
import dev.sns.web.conditional.Tagged;
import dev.sns.web.paging.PageResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.http.ETag;
import org.springframework.stereotype.Service;

/** Stores alarms (once per event) and reads them back. */
@Service
public class AlarmService implements StreamHistory {

    private static final Logger log = LoggerFactory.getLogger(AlarmService.class);

    /** Part of the list's entity tags: raise it when the Alarm JSON changes, so that no client keeps the old shape. */
    private static final int REPRESENTATION = 1;

    /** The alarms a batch stored, by event id in the order of the events, and their receivers' unread counts. */
    public record StoredAlarms(Map<String, AlarmResponse> byEventId, Map<Long, Unread> unread) {
    }

    private final AlarmRepository repository;
    private final AlarmWriter writer;
    private final ReadStates readStates;

    private final Clock clock;

    AlarmService(AlarmRepository repository, AlarmWriter writer, ReadStates readStates, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.writer = writer;
        this.readStates = readStates;
    }

    /**
     * Stores the alarms whose events have none yet, one alarm per event id (the first, if an event comes twice).
     * Returns the new alarms by event id, in the given order, once they are committed: a subscriber that reloads the
     * list right after the push finds them. Events stored before (Kafka redelivers) are left out. The map of alarms is
     * new and modifiable; the unread counts are those of the receivers of new alarms, right after storing them.
     */
    public StoredAlarms storeOnce(List<NewAlarm> alarms) {
        Map<String, NewAlarm> byEventId = new LinkedHashMap<>();
        alarms.forEach(alarm -> byEventId.putIfAbsent(alarm.eventId(), alarm));
        List<NewAlarm> unique = List.copyOf(byEventId.values());
        Instant now = Timestamps.now(clock); // as stored: the pushed alarm equals the listed one
        try {
            return byEventId(unique, writer.insert(unique, now)); // the usual case: none of them was stored before
        } catch (DuplicateKeyException redelivered) {
            // event_id is the only unique key a row can collide on (the id is generated): some were stored before
            Set<String> before = writer.storedEventIds(byEventId.keySet());
            List<NewAlarm> fresh = unique.stream().filter(alarm -> !before.contains(alarm.eventId())).toList();
            log.debug("{} of {} events were consumed before, no second alarm", unique.size() - fresh.size(), unique.size());
            try {
                return byEventId(fresh, writer.insert(fresh, now));
            } catch (DuplicateKeyException race) {
                // another consumer stores the same events right now (a partition changing hands): one at a time,
                // each either stored here or there
                return oneByOne(fresh, now);
            }
        }
    }

    private StoredAlarms oneByOne(List<NewAlarm> alarms, Instant now) {
        Map<String, AlarmResponse> stored = new LinkedHashMap<>();
        Map<Long, Unread> unread = new HashMap<>();
        for (NewAlarm alarm : alarms) {
            try {
                AlarmWriter.Inserted inserted = writer.insert(List.of(alarm), now);
                stored.put(alarm.eventId(), inserted.alarms().getFirst());
                inserted.unread().forEach((user, count) -> unread.merge(user, count, Unread::latest));
            } catch (DuplicateKeyException e) {
                log.debug("Event {} was consumed meanwhile, no second alarm", alarm.eventId());
            }
        }
        return new StoredAlarms(stored, unread);
    }

    private static StoredAlarms byEventId(List<NewAlarm> alarms, AlarmWriter.Inserted inserted) {
        Map<String, AlarmResponse> result = new LinkedHashMap<>();
        for (int i = 0; i < alarms.size(); i++) {
            result.put(alarms.get(i).eventId(), inserted.alarms().get(i));
        }
        return new StoredAlarms(result, inserted.unread());
    }

    /**
     * The user's alarms, each with its read state (one read of the user's mark, not one per alarm), tagged with the
     * version of that read state: it grows with every alarm stored for the user and every change of the mark, in
     * their transactions, and nothing else changes a listed alarm. The version is read before the alarms, so the page
     * may be newer than its tag, never older: a later 304 never hides an alarm.
     */
    public Tagged<PageResponse<AlarmResponse>> list(long userId, Pageable pageable) {
        ReadStates.State state = readStates.current(userId);
        PageResponse<AlarmResponse> page = PageResponse.of(repository.findByReceiverIdAndDeletedAtIsNull(userId, pageable))
                .map(alarm -> AlarmResponse.from(alarm, state.readUpTo()));
        return new Tagged<>(page, tag(userId, state.version(), pageable));
    }

    /** The tag {@link #list} would answer, from one primary-key read. */
    public ETag tag(long userId, Pageable pageable) {
        return tag(userId, readStates.current(userId).version(), pageable);
    }

    private static ETag tag(long userId, long readStateVersion, Pageable pageable) {
        return ETags.weak("alarms", REPRESENTATION, userId, readStateVersion, pageable.getPageNumber(),
                pageable.getPageSize(), pageable.getSort());
    }

    /** The user's first {@code limit} alarms after {@code afterId}, oldest first (the order they are sent in). */
    @Override
    public List<AlarmResponse> after(long userId, long afterId, int limit) {
        long readUpTo = readStates.current(userId).readUpTo();
        return repository.findByReceiverIdAndIdGreaterThanAndDeletedAtIsNullOrderByIdAsc(userId, afterId, Limit.of(limit))
                .stream().map(alarm -> AlarmResponse.from(alarm, readUpTo)).toList();
    }

    @Override
    public StreamPosition position(long userId) {
        return readStates.position(userId);
    }

    @Override
    public Map<Long, Unread> unread(Collection<Long> userIds) {
        return readStates.unread(userIds);
    }
}

package dev.sns.alarm;

import dev.sns.web.paging.PageQuery;
import dev.sns.web.paging.PageResponse;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Stores alarms (once per event) and reads them back. */
@Service
public class AlarmService {

    private static final Logger log = LoggerFactory.getLogger(AlarmService.class);

    private final AlarmRepository repository;
    private final TransactionTemplate transaction;

    public AlarmService(AlarmRepository repository, TransactionTemplate transaction) {
        this.repository = repository;
        this.transaction = transaction;
    }

    /**
     * Stores the alarm unless its event was stored before. Returns the stored alarm once its transaction has
     * committed, or empty for a redelivered event.
     */
    public Optional<AlarmResponse> storeOnce(NewAlarm alarm) {
        try {
            Alarm stored = transaction.execute(status -> repository.saveAndFlush(
                    new Alarm(alarm.receiverId(), alarm.type(), alarm.fromUserId(), alarm.targetId(), alarm.eventId())));
            return Optional.of(AlarmResponse.from(stored));
        } catch (DataIntegrityViolationException e) {
            // the unique event_id is the only constraint that can fail; check, so another cause is not swallowed
            if (repository.existsByEventId(alarm.eventId())) {
                log.debug("Event {} was consumed before, no second alarm", alarm.eventId());
                return Optional.empty();
            }
            throw e;
        }
    }

    public PageResponse<AlarmResponse> list(long userId, PageQuery page) {
        return PageResponse.of(repository.findByUserIdAndDeletedAtIsNull(userId,
                page.toPageable(Sort.by(Sort.Direction.DESC, "id")))).map(AlarmResponse::from);
    }

    /** The newest {@code limit} alarms of the user after {@code afterId}, oldest first (the order they are sent in). */
    public List<AlarmResponse> after(long userId, long afterId, int limit) {
        return repository.findByUserIdAndIdGreaterThanAndDeletedAtIsNullOrderByIdDesc(userId, afterId, Limit.of(limit))
                .reversed().stream().map(AlarmResponse::from).toList();
    }
}

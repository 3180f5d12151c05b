package dev.sns.alarm;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Both list queries read the (user_id, id) index. */
public interface AlarmRepository extends JpaRepository<Alarm, Long> {

    Page<Alarm> findByReceiverIdAndDeletedAtIsNull(long receiverId, Pageable pageable);

    /** The first {@code limit} alarms after {@code afterId}, oldest first (a page of what a stream missed). */
    List<Alarm> findByReceiverIdAndIdGreaterThanAndDeletedAtIsNullOrderByIdAsc(long receiverId, long afterId, Limit limit);
}

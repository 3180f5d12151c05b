package dev.sns.alarm;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Both list queries read the (user_id, id) index. */
public interface AlarmRepository extends JpaRepository<Alarm, Long> {

    Page<Alarm> findByUserIdAndDeletedAtIsNull(long userId, Pageable pageable);

    /** The newest alarms after {@code afterId}, newest first, at most {@code limit}. */
    List<Alarm> findByUserIdAndIdGreaterThanAndDeletedAtIsNullOrderByIdDesc(long userId, long afterId, Limit limit);
}

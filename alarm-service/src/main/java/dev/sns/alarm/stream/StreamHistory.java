package dev.sns.alarm.stream;

import dev.sns.alarm.AlarmResponse;
import dev.sns.alarm.Unread;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What the database knows of a user's alarms: a stream replays and catches up from it. */
public interface StreamHistory {

    /** The user's first {@code limit} alarms after {@code afterId}, oldest first (a page of what a stream missed). */
    List<AlarmResponse> after(long userId, long afterId, int limit);

    /** The user's read state and newest alarm id, consistent with each other (one statement). */
    StreamPosition position(long userId);

    /** The unread counts and read-state versions of these users (one query; no row: {@link Unread#NONE}). */
    Map<Long, Unread> unread(Collection<Long> userIds);
}

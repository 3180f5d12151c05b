package dev.sns.alarm;

import dev.sns.alarm.stream.AlarmFanOut;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The read state of a user's alarms: a mark "read up to alarm id" per user and the number of alarms after it.
 * <p>
 * Marking read and storing alarms both lock the user's {@code alarm_reads} row before anything else, so they are
 * serialized per user: a read that holds the row sees every alarm committed before it, and an alarm stored after it
 * gets a higher id than any the reader can name (ids are handed out when the insert runs, which waits for the row).
 * The counter therefore stays exact however reads, retries and the consumers of several instances interleave, and
 * an alarm is never born read.
 */
@Service
public class ReadService {

    private final ReadStates states;
    private final AlarmFanOut fanOut;

    ReadService(ReadStates states, AlarmFanOut fanOut) {
        this.states = states;
        this.fanOut = fanOut;
    }

    /** The user's unread count: one primary-key read. */
    public Unread unread(long userId) {
        return states.unread(userId);
    }

    /**
     * Marks the user's alarms with an id up to {@code upToId} read ({@code null}: all of them). The mark only moves
     * forward and never past the user's newest alarm, so a repeated or late request changes nothing and alarms yet to
     * come stay unread. A change is pushed to the user's streams on every instance. Answers the unread count after it.
     */
    public Unread markRead(long userId, Long upToId) {
        Outcome outcome = states.transactions().execute(status -> mark(userId, upToId == null ? Long.MAX_VALUE : upToId));
        if (outcome.changed()) {
            fanOut.publishUnread(userId, outcome.unread()); // committed: a reload finds what the stream says
        }
        return outcome.unread();
    }

    private record Outcome(Unread unread, boolean changed) {
    }

    private Outcome mark(long userId, long upToId) {
        Optional<ReadStates.State> row = states.lock(userId);
        if (row.isEmpty()) {
            return new Outcome(Unread.NONE, false); // no alarm yet: nothing to read
        }
        ReadStates.State locked = row.get();
        long newest = states.newestUpTo(userId, upToId).orElse(0L);
        if (newest <= locked.readUpTo()) {
            return new Outcome(new Unread(locked.unread(), locked.version()), false); // read already
        }
        long read = states.countBetween(userId, locked.readUpTo(), newest);
        return new Outcome(states.update(userId, locked, newest, locked.unread() - read), true);
    }
}

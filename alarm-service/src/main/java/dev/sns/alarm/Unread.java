package dev.sns.alarm;

/**
 * How many alarms of a user are unread, at one version of the user's read state ({@code alarm_reads.version}): every
 * change of the state (new alarms, alarms read) makes a higher version, so of two counts the one with the higher
 * version is the current one, whichever arrives last.
 */
public record Unread(long count, long version) {

    /** A user who never received an alarm. */
    public static final Unread NONE = new Unread(0, 0);

    public UnreadCount response() {
        return new UnreadCount(count);
    }

    /** The later of the two states. */
    public static Unread latest(Unread a, Unread b) {
        return a.version >= b.version ? a : b;
    }
}

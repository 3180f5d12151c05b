package dev.sns.timeline.store;

import java.util.List;
import java.util.Set;

/**
 * One round trip's view of a reader's timeline ({@link TimelineStore#page}): the newest entries below a cursor, newest
 * first, the authors among them the reader follows (the reader included), and the celebrities the reader follows
 * (asked on the first round of a page only, else empty).
 */
public record TimelinePage(List<Entry> entries, Set<Long> followed, Set<Long> celebrities) {
}

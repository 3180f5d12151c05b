package dev.sns.timeline.read;

import dev.sns.timeline.client.TimelinePost;
import dev.sns.timeline.store.Entry;
import dev.sns.timeline.store.TimelineBuilder;
import dev.sns.timeline.store.TimelinePage;
import dev.sns.timeline.store.TimelineStore;
import dev.sns.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A page of a reader's home timeline: the newest entries below the cursor from the reader's timeline, merged with
 * those of the followed authors that are merged at read time (celebrities), newest first. Entries of authors the
 * reader does not follow (any more) and posts that are gone are left out (and dropped from the timeline); when that
 * leaves the page short, the next older entries are looked at, up to {@link #ROUNDS} times. Bodies come in one batch
 * ({@link PostBodies}). A warm page costs Redis round trips only: no call to another service, no SQL.
 */
@Service
public class TimelineReader {

    private static final Logger log = LoggerFactory.getLogger(TimelineReader.class);
    static final int ROUNDS = 3;

    private final TimelineStore store;
    private final TimelineBuilder builder;
    private final PostBodies bodies;

    TimelineReader(TimelineStore store, TimelineBuilder builder, PostBodies bodies) {
        this.store = store;
        this.builder = builder;
        this.bodies = bodies;
    }

    public TimelineSlice read(long readerId, int size, String cursor) {
        long before = Cursor.decode(cursor);
        TimelinePage first = store.page(readerId, before, size, true);
        if (first == null) { // missing (evicted, expired, never read): built now, then read
            try {
                builder.ensureHome(readerId);
            } catch (RuntimeException e) {
                log.warn("Cannot build the timeline of user {} now: {}", readerId, e.toString());
                throw unavailable();
            }
            first = store.page(readerId, before, size, true);
            if (first == null) { // discarded meanwhile by a rebuild that failed elsewhere: the next read builds it
                throw unavailable();
            }
        }
        Set<Long> celebrities = first.celebrities();
        List<TimelinePost> page = new ArrayList<>(size);
        boolean more = true;
        TimelinePage round = first;
        for (int i = 0; i < ROUNDS && more && page.size() < size; i++) {
            int wanted = size - page.size();
            if (round == null) {
                round = store.page(readerId, before, wanted, false);
                if (round == null) {
                    break;
                }
            }
            List<Entry> candidates = candidates(round, celebrities, before, wanted);
            more = candidates.size() == wanted;
            if (candidates.isEmpty()) {
                break;
            }
            before = candidates.getLast().postId();
            page.addAll(visible(readerId, candidates, round.followed(), celebrities));
            round = null;
        }
        return TimelineSlice.of(page, size, cursor == null || cursor.isEmpty(), more ? Cursor.encode(before) : null);
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("The timeline cannot be built right now", Duration.ofSeconds(2));
    }

    /** The newest {@code wanted} entries below {@code before} of the timeline and the followed celebrities. */
    private List<Entry> candidates(TimelinePage round, Set<Long> celebrities, long before, int wanted) {
        if (celebrities.isEmpty()) {
            return round.entries();
        }
        Map<Long, Entry> merged = new LinkedHashMap<>();
        round.entries().forEach(entry -> merged.put(entry.postId(), entry));
        for (long celebrity : celebrities) {
            try {
                store.newest(builder.ensureAuthor(celebrity), before, wanted).forEach(e -> merged.putIfAbsent(e.postId(), e));
            } catch (RuntimeException e) {
                log.warn("The recent posts of user {} cannot be read now, the page goes without them: {}", celebrity,
                        e.toString());
            }
        }
        return merged.values().stream().sorted(Comparator.comparingLong(Entry::postId).reversed()).limit(wanted).toList();
    }

    /**
     * The posts of the entries the reader may see, in order; stale entries leave the timeline. {@code followed}: the
     * authors of the timeline's entries the reader follows, as the page's round trip saw them; the followed
     * celebrities are followed too.
     */
    private List<TimelinePost> visible(long readerId, List<Entry> candidates, Set<Long> followed, Set<Long> celebrities) {
        List<Entry> shown = new ArrayList<>(candidates.size());
        List<Entry> unfollowed = new ArrayList<>();
        for (Entry entry : candidates) {
            long author = entry.authorId();
            if (author == readerId || followed.contains(author) || celebrities.contains(author)) {
                shown.add(entry);
            } else {
                unfollowed.add(entry);
            }
        }
        // an unfollow the timeline has not caught up with, or a follow whose event is only arriving now: left out of
        // this page; dropped from the timeline only if the reader still follows nobody of that name when Redis
        // removes it (one script), so that a follow applied meanwhile, with its back-fill, is not undone
        store.dropUnfollowed(readerId, unfollowed);
        PostBodies.Found found = bodies.find(shown);
        List<TimelinePost> posts = new ArrayList<>(shown.size());
        List<Entry> gone = new ArrayList<>();
        for (Entry entry : shown) {
            TimelinePost post = found.posts().get(entry.postId());
            if (post != null && post.deletedAt() == null) {
                posts.add(post);
            } else if (found.gone().contains(entry.postId())) {
                gone.add(entry); // deleted: a POST_DELETED the timeline has not caught up with
            }
        }
        gone.forEach(entry -> store.remove(List.of(TimelineStore.home(readerId)), entry));
        return posts;
    }
}

package dev.sns.timeline.store;

import dev.sns.timeline.TimelineProperties;
import dev.sns.timeline.client.FollowGraph;
import dev.sns.timeline.client.Followee;
import dev.sns.timeline.client.PostRef;
import dev.sns.timeline.client.PostSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds what Redis does not have (evicted, flushed, never read): a reader's home timeline from the follow graph and
 * the posts, and an author's recent posts. Each set is marked built before its content is read
 * ({@link TimelineStore#startBuilding}), so nothing committed meanwhile is missed; when a source cannot be read the
 * half-built set is discarded and the failure thrown, and the next read tries again.
 */
@Component
public class TimelineBuilder {

    private static final Logger log = LoggerFactory.getLogger(TimelineBuilder.class);

    private final TimelineStore store;
    private final FollowGraph graph;
    private final PostSource posts;
    private final TimelineProperties properties;

    TimelineBuilder(TimelineStore store, FollowGraph graph, PostSource posts, TimelineProperties properties) {
        this.store = store;
        this.graph = graph;
        this.posts = posts;
        this.properties = properties;
    }

    /** The reader's timeline and following set, built when missing. */
    public void ensureHome(long readerId) {
        if (store.homeBuilt(readerId)) {
            return;
        }
        String home = TimelineStore.home(readerId);
        store.startBuilding(home);
        try {
            List<Followee> followees = followeesOf(readerId);
            store.setFollowing(readerId, followees.stream().map(Followee::id).toList());
            Set<Long> fannedOut = new HashSet<>();
            fannedOut.add(readerId); // your own posts are in your timeline
            for (Followee followee : followees) {
                boolean celebrity = followee.followerCount() > properties.celebrityThreshold();
                store.celebrity(followee.id(), celebrity);
                if (!celebrity) {
                    fannedOut.add(followee.id());
                }
            }
            store.add(List.of(home), entries(posts.recent(fannedOut)));
            log.debug("Rebuilt the timeline of user {} from {} followees", readerId, followees.size());
        } catch (RuntimeException e) {
            store.discard(home, TimelineStore.following(readerId));
            throw e;
        }
    }

    /** The newest posts of an author, newest first; the author set is built when missing. */
    public List<Entry> authorPosts(long authorId) {
        return store.all(ensureAuthor(authorId));
    }

    /** The key of the author's set of recent posts, built when missing (and kept another idle TTL). */
    public String ensureAuthor(long authorId) {
        String key = TimelineStore.author(authorId);
        if (store.exists(key)) {
            store.touch(key);
            return key;
        }
        store.startBuilding(key);
        try {
            store.add(List.of(key), entries(posts.recent(List.of(authorId))));
        } catch (RuntimeException e) {
            store.discard(key);
            throw e;
        }
        return key;
    }

    private List<Followee> followeesOf(long readerId) {
        List<Followee> all = new ArrayList<>();
        long after = 0;
        while (all.size() < properties.maxFollowing()) {
            List<Followee> page = graph.following(readerId, after);
            all.addAll(page);
            if (page.size() < properties.fanOutBatch()) {
                break;
            }
            after = page.getLast().id();
        }
        return all.size() > properties.maxFollowing() ? all.subList(0, properties.maxFollowing()) : all;
    }

    static List<Entry> entries(List<PostRef> refs) {
        return refs.stream().map(ref -> new Entry(ref.id(), ref.userId())).toList();
    }
}

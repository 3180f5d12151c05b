package dev.sns.timeline.events;

import dev.sns.timeline.TimelineProperties;
import dev.sns.timeline.client.FollowGraph;
import dev.sns.timeline.client.FollowerPage;
import dev.sns.timeline.client.TimelinePost;
import dev.sns.timeline.store.Entry;
import dev.sns.timeline.store.TimelineBuilder;
import dev.sns.timeline.store.TimelineStore;
import dev.sns.web.cache.RedisLookAsideCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * What each event changes in Redis (docs/timeline.md). A post is fanned out on write to its author's and every
 * follower's timeline, unless its author has more followers than the threshold: such a "celebrity" is merged into
 * its followers' timelines at read time instead, so one post is not a million writes. A follow back-fills the
 * author's recent posts, an unfollow removes them. Every step is idempotent: an event delivered twice changes nothing
 * more.
 */
@Component
class FanOut {

    private final TimelineStore store;
    private final TimelineBuilder builder;
    private final FollowGraph graph;
    private final RedisLookAsideCache<TimelinePost> postCache;
    private final TimelineProperties properties;
    private final Timer postToTimelines;

    FanOut(TimelineStore store, TimelineBuilder builder, FollowGraph graph, RedisLookAsideCache<TimelinePost> postCache,
           TimelineProperties properties, MeterRegistry meters) {
        this.store = store;
        this.builder = builder;
        this.graph = graph;
        this.postCache = postCache;
        this.properties = properties;
        this.postToTimelines = Timer.builder("sns.timeline.fanout.latency")
                .description("From a post's creation (event time) to the end of its fan-out")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    void postCreated(long postId, long authorId, Instant occurredAt) {
        Entry entry = new Entry(postId, authorId);
        store.add(List.of(TimelineStore.author(authorId)), List.of(entry));
        FollowerPage first = graph.followers(authorId, 0);
        boolean celebrity = first.followerCount() > properties.celebrityThreshold();
        boolean changed = store.celebrity(authorId, celebrity);
        store.add(List.of(TimelineStore.home(authorId)), List.of(entry));
        if (!celebrity) {
            // an author who was merged at read time until now: their recent posts go to the followers' timelines
            List<Entry> entries = changed ? builder.authorPosts(authorId) : List.of(entry);
            forEachFollowerBatch(authorId, first, homes -> store.add(homes, entries));
        }
        if (occurredAt != null) {
            postToTimelines.record(Duration.between(occurredAt, Instant.now()));
        }
    }

    void postDeleted(long postId, long authorId) {
        Entry entry = new Entry(postId, authorId);
        store.remove(List.of(TimelineStore.author(authorId), TimelineStore.home(authorId)), entry);
        if (!store.isCelebrity(authorId)) {
            forEachFollowerBatch(authorId, graph.followers(authorId, 0), homes -> store.remove(homes, entry));
        }
        postCache.evictAll(Set.of(postId));
    }

    /** A like, unlike or comment: the post's counters changed. */
    void postChanged(long postId) {
        postCache.evictAll(Set.of(postId));
    }

    /** One Redis round trip, unless the followee's recent posts must be read from post-service first. */
    void followed(long followerId, long followeeId) {
        if (!store.follow(followerId, followeeId)) {
            store.add(List.of(TimelineStore.home(followerId)), builder.authorPosts(followeeId));
        }
    }

    void unfollowed(long followerId, long followeeId) {
        store.unfollow(followerId, followeeId);
    }

    /** The timelines of all followers, a page of follower ids (one call to user-service, one Redis script) at a time. */
    private void forEachFollowerBatch(long authorId, FollowerPage first, Consumer<List<String>> write) {
        FollowerPage page = first;
        while (true) {
            List<String> homes = new ArrayList<>(page.ids().size());
            page.ids().forEach(id -> homes.add(TimelineStore.home(id)));
            write.accept(homes);
            if (page.ids().size() < properties.fanOutBatch()) {
                return;
            }
            page = graph.followers(authorId, page.ids().getLast());
        }
    }
}

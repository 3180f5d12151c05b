package dev.sns.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.Gateway;
import dev.sns.timeline.read.PostBodies;
import dev.sns.timeline.store.TimelineStore;
import dev.sns.timeline.support.Events;
import dev.sns.timeline.support.OtherServices;
import dev.sns.timeline.support.OtherServices.Post;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/** Fan-out on write, reads with a keyset cursor, follows and unfollows, deletes, rebuilds: real Redis and Kafka. */
class TimelineTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    PostBodies bodies;

    /** The real store; a test can run something right after a read asked whom its reader follows (its page). */
    @MockitoSpyBean
    TimelineStore store;

    private final AtomicReference<Runnable> afterFollowCheck = new AtomicReference<>();

    private List<Long> ids(long reader, String query) {
        Gateway.Reply answer = timeline(reader, query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.result().path("content").valueStream().map(post -> post.path("id").asLong()).toList();
    }

    private void awaitTimeline(long reader, List<Long> expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(ids(reader, "?size=100")).isEqualTo(expected));
    }

    private Post post(long author) {
        Post post = services.newPost(author);
        Events.postCreated(post);
        return post;
    }

    private record Following(long reader, long author) {
    }

    /** A new reader who follows a new author, the reader's timeline built (read once). */
    private Following readerFollowingAnAuthor() {
        long reader = newUser();
        long author = newUser();
        follow(reader, author);
        ids(reader, "");
        return new Following(reader, author);
    }

    private void follow(long follower, long followee) {
        services.follow(follower, followee);
        Events.followed(follower, followee);
    }

    @Test
    void postsOfFollowedAuthorsAndYourOwnArriveNewestFirstInThePostShape() {
        long ann = newUser();
        long bob = newUser();
        long stranger = newUser();
        follow(ann, bob);
        assertThat(ids(ann, "")).isEmpty(); // built now, from the graph: empty

        Post first = post(bob);
        Post own = post(ann);
        post(stranger);
        Post second = post(bob);

        awaitTimeline(ann, List.of(second.id(), own.id(), first.id()));
        JsonNode page = timeline(ann, "").json();
        assertThat(page.path("resultCode").asString()).isEqualTo("SUCCESS");
        assertThat(page.path("result").propertyNames()).containsExactly("content", "size", "numberOfElements", "first",
                "last", "empty", "nextCursor");
        assertThat(page.path("result").path("size").asInt()).isEqualTo(20);
        assertThat(page.path("result").path("last").asBoolean()).isTrue();
        assertThat(page.path("result").path("nextCursor").isNull()).isTrue();
        JsonNode newest = page.path("result").path("content").get(0);
        assertThat(newest).isEqualTo(Gateway.JSON.valueToTree(OtherServices.rendered(second)));
        assertThat(ids(bob, "")).as("bob's own timeline").containsExactly(second.id(), first.id());
    }

    @Test
    void theCursorIsStableWhilePostsArrive() {
        Following pair = readerFollowingAnAuthor();
        long reader = pair.reader();
        long author = pair.author();
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(post(author).id());
        }
        awaitTimeline(reader, posted.reversed());

        JsonNode first = timeline(reader, "?size=2").result();
        assertThat(first.path("first").asBoolean()).isTrue();
        assertThat(first.path("last").asBoolean()).isFalse();
        String cursor = first.path("nextCursor").asString();
        Post newer = post(author);
        awaitTimeline(reader, List.of(newer.id(), posted.get(4), posted.get(3), posted.get(2), posted.get(1), posted.get(0)));

        JsonNode second = timeline(reader, "?size=2&cursor=" + cursor).result();
        assertThat(second.path("content").valueStream().map(p -> p.path("id").asLong()).toList())
                .containsExactly(posted.get(2), posted.get(1));
        assertThat(second.path("first").asBoolean()).isFalse();
        JsonNode third = timeline(reader, "?size=2&cursor=" + second.path("nextCursor").asString()).result();
        JsonNode end = timeline(reader, "?size=2&cursor=" + third.path("nextCursor").asString()).result();
        assertThat(third.path("content").valueStream().map(p -> p.path("id").asLong()).toList()).containsExactly(posted.get(0));
        assertThat(third.path("nextCursor").isNull() || end.path("content").isEmpty()).isTrue();
    }

    @Test
    void anUnfollowTakesTheAuthorsPostsOut_aFollowBackFillsThem() {
        long reader = newUser();
        long author = newUser();
        Post old = post(author);
        Post older = services.newPost(author); // in post-service only: the back-fill reads it from there
        ids(reader, "");

        follow(reader, author);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ids(reader, "")).containsExactlyInAnyOrder(old.id(), older.id()));

        services.unfollow(reader, author);
        Events.unfollowed(reader, author);
        awaitTimeline(reader, List.of());
        assertThat(redis.opsForZSet().size("sns:tl:home:" + reader)).as("the built marker only").isEqualTo(1);
    }

    /**
     * The chaos run's loss (docs/timeline.md, "Reads"): a reader follows an author; the author's post is fanned out to
     * the reader (user-service already counts them a follower) before the FOLLOWED event reaches the following set. A
     * read checks whom the reader follows (not the author yet) and the FOLLOWED event is applied right then, its
     * back-fill included; the read must not drop the post afterwards on the strength of its stale check, or nothing
     * ever brings it back.
     */
    @Test
    void aFollowAppliedWhileAReadChecksTheFollowingSetLosesNoPost() {
        long reader = newUser();
        long author = newUser();
        ids(reader, ""); // built: follows nobody
        Post older = services.newPost(author); // in post-service only: the follow's back-fill brings it
        services.follow(reader, author); // the graph has the follow, its event is not there yet
        Post post = post(author);
        String home = "sns:tl:home:" + reader;
        await().atMost(WAIT).until(() -> redis.opsForZSet().score(home, post.id() + ":" + author) != null);

        Mockito.doAnswer(call -> {
            Object page = call.callRealMethod();
            Runnable hook = call.<Long>getArgument(0) == reader ? afterFollowCheck.getAndSet(null) : null;
            if (hook != null) {
                hook.run();
            }
            return page;
        }).when(store).page(Mockito.anyLong(), Mockito.anyLong(), Mockito.anyInt(), Mockito.anyBoolean());
        afterFollowCheck.set(() -> { // the FOLLOWED event lands between the read's check and what it does next
            Events.followed(reader, author);
            await().atMost(WAIT).until(() -> redis.opsForZSet().score(home, older.id() + ":" + author) != null);
        });
        ids(reader, "");
        assertThat(afterFollowCheck.get()).as("the read checked whom the reader follows").isNull();

        awaitTimeline(reader, List.of(post.id(), older.id()));
    }

    @Test
    void aDeletedPostLeavesEveryTimeline() {
        Following pair = readerFollowingAnAuthor();
        long reader = pair.reader();
        long author = pair.author();
        ids(author, "");
        Post kept = post(author);
        Post deleted = post(author);
        awaitTimeline(reader, List.of(deleted.id(), kept.id()));

        services.delete(deleted.id());
        Events.postDeleted(deleted);
        awaitTimeline(reader, List.of(kept.id()));
        awaitTimeline(author, List.of(kept.id()));
    }

    @Test
    void aPostDeletedBeforeItsEventArrivesIsNotShownAndLeavesTheTimeline() {
        Following pair = readerFollowingAnAuthor();
        long reader = pair.reader();
        long author = pair.author();
        Post kept = post(author);
        Post deleted = post(author);
        awaitTimeline(reader, List.of(deleted.id(), kept.id()));
        bodies.evict(Set.of(deleted.id())); // not cached: the page asks post-service, which has it no more
        services.delete(deleted.id());

        assertThat(ids(reader, "")).containsExactly(kept.id());
        assertThat(redis.opsForZSet().score("sns:tl:home:" + reader, deleted.id() + ":" + author)).isNull();
    }

    @Test
    void aMissingTimelineIsRebuiltFromTheGraphAndThePosts() {
        long reader = newUser();
        long author = newUser();
        long other = newUser();
        follow(reader, author);
        follow(reader, other);
        ids(reader, "");
        Post a = post(author);
        Post b = post(other);
        Post own = post(reader);
        awaitTimeline(reader, List.of(own.id(), b.id(), a.id()));

        redis.delete(List.of("sns:tl:home:" + reader, "sns:tl:following:" + reader, "sns:tl:post:" + a.id()));

        assertThat(ids(reader, "")).containsExactly(own.id(), b.id(), a.id());
        assertThat(redis.opsForZSet().size("sns:tl:home:" + reader)).isEqualTo(4);
    }

    @Test
    void aWarmPageAsksNoOtherService() {
        Following pair = readerFollowingAnAuthor();
        long reader = pair.reader();
        long author = pair.author();
        Post p1 = post(author);
        Post p2 = post(author);
        awaitTimeline(reader, List.of(p2.id(), p1.id()));

        long before = services.calls().size();
        for (int i = 0; i < 5; i++) {
            assertThat(ids(reader, "")).containsExactly(p2.id(), p1.id());
        }
        assertThat(services.calls().size()).isEqualTo(before);
    }

    @Test
    void aLikeRefreshesTheCachedPost() {
        Following pair = readerFollowingAnAuthor();
        long reader = pair.reader();
        long author = pair.author();
        Post post = post(author);
        awaitTimeline(reader, List.of(post.id()));
        assertThat(redis.hasKey("sns:tl:post:" + post.id())).isTrue();

        Events.liked(post, reader);
        await().atMost(WAIT).until(() -> !redis.hasKey("sns:tl:post:" + post.id()));
        // nor does this instance's memory keep it: the next page asks post-service for it again
        await().atMost(WAIT).untilAsserted(() -> {
            int calls = services.calls().size();
            assertThat(ids(reader, "")).containsExactly(post.id());
            assertThat(services.calls().size()).isGreaterThan(calls);
        });
    }

    @Test
    void withPostServiceDownUncachedPostsComeIdOnly_andTheTimelineIsUnharmed() {
        Following pair = readerFollowingAnAuthor();
        long reader = pair.reader();
        long author = pair.author();
        Post post = post(author);
        awaitTimeline(reader, List.of(post.id()));
        bodies.evict(Set.of(post.id())); // not cached (in this instance's memory nor in Redis)

        services.postServiceDown(true);
        JsonNode degraded = timeline(reader, "").result().path("content").get(0);
        assertThat(degraded.path("id").asLong()).isEqualTo(post.id());
        assertThat(degraded.path("title").isNull()).isTrue();
        assertThat(degraded.path("user").path("id").asLong()).isEqualTo(author);
        assertThat(degraded.path("user").path("userName").isNull()).isTrue();
        assertThat(redis.hasKey("sns:tl:post:" + post.id())).as("a degraded post is not cached").isFalse();

        services.postServiceDown(false);
        awaitTimeline(reader, List.of(post.id()));
        assertThat(timeline(reader, "").result().path("content").get(0).path("title").asString()).isEqualTo("title " + post.id());
    }

    @Test
    void aCelebrityIsMergedAtReadTimeNotFannedOut() {
        long reader = newUser();
        long celebrity = newUser();
        long friend = newUser();
        services.reportFollowerCount(celebrity, CELEBRITY_THRESHOLD + 1);
        follow(reader, celebrity);
        follow(reader, friend);
        ids(reader, "");
        Post star = post(celebrity);
        Post mate = post(friend);
        Post star2 = post(celebrity);

        awaitTimeline(reader, List.of(star2.id(), mate.id(), star.id()));
        assertThat(redis.opsForZSet().range("sns:tl:home:" + reader, 0, -1))
                .as("the celebrity's posts are not written into the reader's timeline")
                .containsExactly("0:0", mate.id() + ":" + friend);
        assertThat(redis.opsForSet().isMember("sns:tl:celebrities", String.valueOf(celebrity))).isTrue();
        JsonNode firstPage = timeline(reader, "?size=1").result();
        JsonNode secondPage = timeline(reader, "?size=2&cursor=" + firstPage.path("nextCursor").asString()).result();
        assertThat(secondPage.path("content").valueStream().map(p -> p.path("id").asLong()).toList())
                .containsExactly(mate.id(), star.id());

        services.unfollow(reader, celebrity);
        Events.unfollowed(reader, celebrity);
        awaitTimeline(reader, List.of(mate.id()));
    }

    @Test
    void aPostReachesTenThousandFollowersTimelinesWithinTwoSeconds() {
        long author = newUser();
        List<Long> fans = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long fan = newUser();
            services.follow(fan, author);
            fans.add(fan);
        }
        // every fan has read the timeline before (it is built): marked built directly, not by 10,000 reads
        for (int from = 0; from < fans.size(); from += 1000) {
            List<Long> batch = fans.subList(from, from + 1000);
            redis.executePipelined((RedisCallback<Object>) connection -> {
                for (long fan : batch) {
                    byte[] key = ("sns:tl:home:" + fan).getBytes(StandardCharsets.UTF_8);
                    connection.zSetCommands().zAdd(key, 0, "0:0".getBytes(StandardCharsets.UTF_8));
                    connection.keyCommands().expire(key, 600);
                }
                return null;
            });
        }
        // a running service has fanned out before: the first post warms its code paths, the second one is timed
        Post warmUp = services.newPost(author);
        Events.postCreated(warmUp);
        await().atMost(WAIT).until(() -> redis.opsForZSet().score("sns:tl:home:" + fans.getLast(),
                warmUp.id() + ":" + author) != null);
        Post post = services.newPost(author);
        String member = post.id() + ":" + author;
        long start = System.nanoTime();
        Events.postCreated(post);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> redis.opsForZSet().score("sns:tl:home:" + fans.getLast(), member) != null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("fan-out to 10,000 timelines took " + took.toMillis() + " ms (the warm-up "
                + (long) meters.get("sns.timeline.fanout.latency").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS) + " ms)");
        List<Object> scores = new ArrayList<>();
        for (int from = 0; from < fans.size(); from += 1000) {
            List<Long> batch = fans.subList(from, from + 1000);
            scores.addAll(redis.executePipelined((RedisCallback<Object>) connection -> {
                for (long fan : batch) {
                    connection.zSetCommands().zScore(("sns:tl:home:" + fan).getBytes(StandardCharsets.UTF_8),
                            member.getBytes(StandardCharsets.UTF_8));
                }
                return null;
            }));
        }
        assertThat(scores).doesNotContainNull();
        assertThat(Set.copyOf(scores)).hasSize(1);
        assertThat(took).as("fan-out to 10,000 timelines").isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBadCursorIsInvalid_aBadSizeIsTheDefault_andATokenIsNeeded() {
        long reader = newUser();
        Gateway.Reply bad = timeline(reader, "?cursor=nonsense");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("resultCode").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(timeline(reader, "?cursor=t1.LTE").status()).isEqualTo(400); // "-1"
        assertThat(timeline(reader, "?size=abc").result().path("size").asInt()).isEqualTo(20);
        assertThat(timeline(reader, "?size=1000").result().path("size").asInt()).isEqualTo(100);
        assertThat(timeline(reader, "?size=0").result().path("size").asInt()).isEqualTo(1);
    }

    @Test
    void anUnreadableEventIsSkippedAndTheNextOneHandled() {
        Following pair = readerFollowingAnAuthor();
        long reader = pair.reader();
        long author = pair.author();
        Events.raw(author, "{ this is not json");
        Events.raw(author, "{\"eventId\":\"x\",\"type\":\"POST_CREATED\"}"); // no post id
        Post post = post(author);
        awaitTimeline(reader, List.of(post.id()));
    }
}

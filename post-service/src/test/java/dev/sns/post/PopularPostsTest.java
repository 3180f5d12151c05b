package dev.sns.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/v1/posts/popular: the most liked posts of a window, counted from the like and unlike events on Kafka in
 * Redis, rebuilt from the database when Redis loses them (docs/popular.md). Other tests like posts too, so each test
 * looks at the order of its own posts only. A post's likes in a window are not shown; they are seen through the order:
 * more likes rank first, equal ones rank the newer post first.
 */
class PopularPostsTest extends IntegrationTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void theMostLikedPostsOfTheWindowComeFirst_likesOfYourOwnPostDoNotCount() {
        TestUser owner = newUser();
        long one = createPostId(owner);
        long three = createPostId(owner);
        long two = createPostId(owner);
        long none = createPostId(owner);
        likeBy(3, three);
        likeBy(1, one);
        likeBy(2, two);
        like(owner, none); // the author's own like: no event, not popular

        awaitOrder("24h", List.of(three, two, one), List.of(three, two, one, none));
        awaitOrder("1h", List.of(three, two, one), List.of(three, two, one, none));
        awaitOrder("7d", List.of(three, two, one), List.of(three, two, one, none));
    }

    @Test
    void aPopularPostIsAPostAsTheFeedShowsIt() {
        TestUser owner = newUser();
        long postId = createPostId(owner);
        likeBy(2, postId);
        awaitOrder("24h", List.of(postId), List.of(postId));

        Gateway.Reply popular = api.get("/api/v1/posts/popular?window=24h&size=100", owner.token());
        JsonNode post = posts(popular).stream().filter(p -> p.path("id").asLong() == postId).findFirst().orElseThrow();
        JsonNode fromFeed = api.get("/api/v1/posts/" + postId, owner.token()).result();

        assertThat(popular.status()).isEqualTo(200);
        assertThat(popular.resultCode()).isEqualTo("SUCCESS");
        assertThat(popular.result().propertyNames()).containsExactly("content", "number", "size", "totalElements",
                "totalPages", "numberOfElements", "first", "last", "empty");
        assertThat(post).isEqualTo(fromFeed);
        assertThat(post.path("likeCount").asInt()).isEqualTo(2);
        assertThat(post.path("user").path("userName").asString()).isEqualTo(owner.name());
        assertThat(popular.result().path("size").asInt()).isEqualTo(100);
    }

    @Test
    void anUnlikeTakesTheLikeBack() {
        TestUser owner = newUser();
        long older = createPostId(owner);
        long newer = createPostId(owner);
        List<TestUser> likers = likeBy(2, newer);
        likeBy(1, older);
        awaitOrder("1h", List.of(newer, older), List.of(newer, older));

        unlike(likers.get(0), newer);
        unlike(likers.get(0), newer); // again: nothing left to take back
        awaitOrder("1h", List.of(newer, older), List.of(newer, older)); // 1 and 1: the newer first
        unlike(likers.get(1), newer);

        awaitOrder("1h", List.of(older), List.of(newer, older)); // no like left: not ranked at all
    }

    @Test
    void simultaneousLikesAndUnlikesAreCountedExactly() throws Exception {
        TestUser owner = newUser();
        long eleven = createPostId(owner);
        long ten = createPostId(owner);
        long contested = createPostId(owner);
        likeBy(11, eleven);
        likeBy(10, ten);
        List<TestUser> likers = IntStream.range(0, 20).mapToObj(i -> newUser()).toList();

        // 20 likes at once, then 10 of them taken back while 10 more double-clicks of the same users arrive
        LikeTest.all(20, i -> like(likers.get(i), contested));
        LikeTest.all(20, i -> i < 10 ? unlike(likers.get(i), contested) : like(likers.get(i), contested));
        long sentinel = createPostId(owner);
        likeBy(1, sentinel); // same owner, same partition: once it ranks, every event before it is counted

        awaitOrder("24h", List.of(sentinel), List.of(sentinel));
        // 10 likes: after the 11 and, being newer, before the other 10
        assertThat(ranked("24h", List.of(eleven, ten, contested))).containsExactly(eleven, contested, ten);
    }

    @Test
    void theWindowCountsTheLikesOfItsTimeOnly() throws Exception {
        TestUser owner = newUser();
        long lastHour = createPostId(owner);
        long yesterday = createPostId(owner);
        long lastWeek = createPostId(owner);
        long tooOld = createPostId(owner);
        Instant now = Instant.now();
        publish(owner, likeEvent(lastHour, owner, now.minusSeconds(60), newLikeId()));
        publish(owner, likeEvent(yesterday, owner, now.minus(Duration.ofHours(20)), newLikeId()));
        publish(owner, likeEvent(yesterday, owner, now.minus(Duration.ofHours(20)), newLikeId()));
        publish(owner, likeEvent(lastWeek, owner, now.minus(Duration.ofDays(6)), newLikeId()));
        publish(owner, likeEvent(lastWeek, owner, now.minus(Duration.ofDays(6)), newLikeId()));
        publish(owner, likeEvent(lastWeek, owner, now.minus(Duration.ofDays(6)), newLikeId()));
        publish(owner, likeEvent(tooOld, owner, now.minus(Duration.ofDays(8)), newLikeId()));
        List<Long> mine = List.of(lastHour, yesterday, lastWeek, tooOld);

        awaitOrder("7d", List.of(lastWeek, yesterday, lastHour), mine);
        // each window's ranking is computed at most once a second: the others may still show an earlier one
        awaitOrder("24h", List.of(yesterday, lastHour), mine);
        awaitOrder("1h", List.of(lastHour), mine);
    }

    @Test
    void aRedeliveredLikeCountsOnce() throws Exception {
        TestUser owner = newUser();
        long twoLikes = createPostId(owner);
        long oneLike = createPostId(owner); // newer: it would rank first with 2 (or more) likes
        Instant now = Instant.now();
        publish(owner, likeEvent(twoLikes, owner, now, newLikeId()));
        publish(owner, likeEvent(twoLikes, owner, now, newLikeId()));
        long likeId = newLikeId();
        String like = likeEvent(oneLike, owner, now, likeId);
        publish(owner, like);
        publish(owner, like); // the same record again (a consumer's redelivery)
        publish(owner, likeEvent(oneLike, owner, now, likeId)); // the same like under a new event id (the relay again)
        long sentinel = createPostId(owner);
        publish(owner, likeEvent(sentinel, owner, now, newLikeId()));

        awaitOrder("1h", List.of(sentinel), List.of(sentinel));
        assertThat(ranked("1h", List.of(twoLikes, oneLike))).containsExactly(twoLikes, oneLike);
    }

    @Test
    void postCreatedAndDeletedEventsAreSkipped_evenWithTheFieldsOfALike() throws Exception {
        TestUser owner = newUser();
        long postId = createPostId(owner); // its own POST_CREATED goes through the tally too
        Instant now = Instant.now();
        for (String type : List.of("POST_CREATED", "POST_DELETED", "POST_CREATED")) {
            publish(owner, event(Map.of("type", type, "occurredAt", now.toString(), "likedAt", now.toString()),
                    postId, owner, newLikeId()));
        }
        long sentinel = createPostId(owner);
        publish(owner, likeEvent(sentinel, owner, now, newLikeId()));

        awaitOrder("1h", List.of(sentinel), List.of(sentinel));
        assertThat(ranked("1h", List.of(postId, sentinel))).containsExactly(sentinel);
    }

    @Test
    void anUnlikeArrivingBeforeItsLikeWinsOverIt() throws Exception {
        TestUser owner = newUser();
        long postId = createPostId(owner);
        long other = createPostId(owner);
        Instant now = Instant.now();
        long likeId = newLikeId();
        publish(owner, unlikeEvent(postId, owner, now, likeId));
        publish(owner, likeEvent(postId, owner, now, likeId));
        publish(owner, likeEvent(other, owner, now, newLikeId()));

        awaitOrder("1h", List.of(other), List.of(other));
        assertThat(ranked("1h", List.of(postId, other))).containsExactly(other);
    }

    @Test
    void aDeletedPostLeavesTheRanking() {
        TestUser owner = newUser();
        long kept = createPostId(owner);
        long deleted = createPostId(owner);
        likeBy(1, kept);
        likeBy(2, deleted);
        awaitOrder("24h", List.of(deleted, kept), List.of(deleted, kept));

        assertThat(api.delete("/api/v1/posts/" + deleted, owner.token()).status()).isEqualTo(200);

        assertThat(ranked("24h", List.of(deleted, kept))).containsExactly(kept); // at once, not a second later
        awaitOrder("7d", List.of(kept), List.of(deleted, kept));
    }

    @Test
    void whenRedisLosesTheTallyItIsRebuiltFromTheDatabase() {
        TestUser owner = newUser();
        long two = createPostId(owner);
        long one = createPostId(owner);
        long deleted = createPostId(owner);
        List<TestUser> likers = likeBy(2, two);
        likeBy(1, one);
        likeBy(3, deleted);
        like(owner, one); // own like: not counted, not after a rebuild either
        api.delete("/api/v1/posts/" + deleted, owner.token());
        List<Long> mine = List.of(two, one, deleted);
        awaitOrder("24h", List.of(two, one), mine);

        redis.execute((RedisCallback<Object>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });

        awaitOrder("24h", List.of(two, one), mine);
        awaitOrder("1h", List.of(two, one), mine);
        assertThat(redis.hasKey("sns:popular:built")).isTrue();
        // events still apply to the rebuilt tally: one like taken back, 1 and 1, the newer first
        unlike(likers.get(0), two);
        awaitOrder("24h", List.of(one, two), mine);
    }

    @Test
    void aWindowOrSizeItCannotServeIsAnInvalidRequest() {
        TestUser user = newUser();
        for (String query : List.of("window=2h", "window=24H", "window=%201h", "window=1h&window=7d&size=0", "size=0",
                "size=101", "size=-1", "size=abc", "size=1.5")) {
            Gateway.Reply response = api.get("/api/v1/posts/popular?" + query, user.token());
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.resultCode()).as(query).isEqualTo("INVALID_REQUEST");
            assertThat(response.result().get(0).path("field").asString()).as(query)
                    .isIn("window", "size");
        }
        assertThat(api.get("/api/v1/posts/popular?window=2h", user.token()).result().get(0).path("field").asString())
                .isEqualTo("window");
        assertThat(api.get("/api/v1/posts/popular?size=abc", user.token()).result().get(0).path("field").asString())
                .isEqualTo("size");
        assertThat(api.get("/api/v1/posts/popular", null).status()).isEqualTo(401);
        Gateway.Reply defaults = api.get("/api/v1/posts/popular", user.token());
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.result().path("size").asInt()).isEqualTo(20);
        assertThat(api.get("/api/v1/posts/popular?window=7d&size=100&page=undefined", user.token()).status())
                .isEqualTo(200);
    }

    // --- helpers

    /** Waits until the posts of {@code among} rank exactly as {@code expected} (the others not at all). */
    private void awaitOrder(String window, List<Long> expected, List<Long> among) {
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(ranked(window, among)).containsExactlyElementsOf(expected));
    }

    /** The posts of {@code among} in the order the window ranks them. */
    private List<Long> ranked(String window, List<Long> among) {
        Gateway.Reply response = api.get("/api/v1/posts/popular?window=" + window + "&size=100", newUser().token());
        assertThat(response.status()).isEqualTo(200);
        return posts(response).stream().map(post -> post.path("id").asLong()).filter(among::contains).toList();
    }

    private static List<JsonNode> posts(Gateway.Reply response) {
        List<JsonNode> posts = new ArrayList<>();
        response.result().path("content").forEach(posts::add);
        return posts;
    }

    private List<TestUser> likeBy(int users, long postId) {
        List<TestUser> likers = IntStream.range(0, users).mapToObj(i -> newUser()).toList();
        likers.forEach(user -> assertThat(like(user, postId).status()).isEqualTo(200));
        return likers;
    }

    private Gateway.Reply like(TestUser user, long postId) {
        return api.post("/api/v1/posts/" + postId + "/likes", user.token(), null);
    }

    private Gateway.Reply unlike(TestUser user, long postId) {
        return api.delete("/api/v1/posts/" + postId + "/likes", user.token());
    }

    /** Like ids far beyond the database's, so crafted events never meet a real like. */
    private static long newLikeId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }

    private static String likeEvent(long postId, TestUser owner, Instant likedAt, long likeId) {
        return event(Map.of("type", "NEW_LIKE_ON_POST", "occurredAt", likedAt.toString()), postId, owner, likeId);
    }

    private static String unlikeEvent(long postId, TestUser owner, Instant likedAt, long likeId) {
        return event(Map.of("type", "LIKE_REMOVED_FROM_POST", "occurredAt", Instant.now().toString(),
                "likedAt", likedAt.toString()), postId, owner, likeId);
    }

    /** A like event as docs/events.md describes it, by a fan of {@code owner}. */
    private static String event(Map<String, Object> fields, long postId, TestUser owner, long likeId) {
        Map<String, Object> event = new java.util.LinkedHashMap<>(fields);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("postId", postId);
        event.put("postOwnerId", owner.id());
        event.put("actorId", owner.id() + 1_000_000);
        event.put("actorName", "fan");
        event.put("likeId", likeId);
        return Client.json(event);
    }

    /** As the relay publishes: the owner is the key, so the events of one owner keep their order. */
    private void publish(TestUser owner, String event) throws Exception {
        kafka.send("sns.post-events", String.valueOf(owner.id()), event).get();
    }
}

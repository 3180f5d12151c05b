package dev.sns.chaos;

import static dev.sns.chaos.ChaosSuite.awaitCondition;
import static dev.sns.chaos.ChaosSuite.count;
import static dev.sns.chaos.ChaosSuite.placeholders;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A mixed concurrent run on a few hot posts: likes, double likes sent at the same instant, unlikes, comments and
 * reads from many users at once. Afterwards the database holds exactly what was acknowledged: one like row per
 * user and post that ended liked, counters equal to the rows, one comment per acknowledged comment, one outbox
 * event and one alarm per acknowledged like and comment of someone else's post, nothing twice.
 */
@Order(10)
class ConsistencyChaosTest {

    static final int ACTORS = 10;
    static final int TURNS = 40;

    @Test
    void theDatabaseHoldsExactlyTheAcknowledgedOperations() throws Exception {
        List<Users.User> owners = Users.newUsers("mixed_owner", 2);
        List<Users.User> actors = new ArrayList<>(Users.newUsers("mixed_actor", ACTORS - 2));
        actors.addAll(owners); // owners act on their own posts too: that raises no alarm
        Map<Long, Users.User> ownerOf = new HashMap<>();
        for (Users.User owner : owners) {
            for (int i = 0; i < 4; i++) {
                ownerOf.put(ChaosSuite.createPost(owner, "hot post"), owner);
            }
        }
        List<Long> posts = List.copyOf(ownerOf.keySet());
        Map<Long, AlarmLedger> ledgers = new ConcurrentHashMap<>();
        owners.forEach(owner -> ledgers.put(owner.id(), new AlarmLedger()));
        Set<String> liked = ConcurrentHashMap.newKeySet(); // "post:user" pairs that ended liked
        Map<Long, AtomicInteger> comments = new ConcurrentHashMap<>();
        AtomicInteger likes = new AtomicInteger();
        AtomicInteger doubleLikes = new AtomicInteger();
        AtomicInteger unlikes = new AtomicInteger();
        List<String> raceViolations = java.util.Collections.synchronizedList(new ArrayList<>());
        Traffic traffic = new Traffic(); // used for its tallies only: each actor runs its own fixed number of turns

        ExecutorService threads = Executors.newFixedThreadPool(ACTORS);
        List<Future<?>> runs = new ArrayList<>();
        for (Users.User actor : actors) {
            runs.add(threads.submit(() -> {
                Map<Long, Boolean> state = new HashMap<>(); // this actor's like state per post: its own requests only
                for (int turn = 0; turn < TURNS; turn++) {
                    long postId = posts.get(ThreadLocalRandom.current().nextInt(posts.size()));
                    Users.User owner = ownerOf.get(postId);
                    boolean isLiked = state.getOrDefault(postId, false);
                    String path = "/api/v1/posts/" + postId + "/likes";
                    switch (ThreadLocalRandom.current().nextInt(5)) {
                        case 0 -> { // like: 200, or ALREADY_LIKED when it is
                            Gateway.Reply reply = Gateway.post(path, actor.token(), null);
                            boolean expected = isLiked ? reply.status() == 409 && "ALREADY_LIKED".equals(reply.resultCode()) : reply.ok();
                            traffic.recordIf("like", reply, expected && reply.isEnvelope());
                            if (reply.ok()) {
                                likes.incrementAndGet();
                                state.put(postId, true);
                                if (owner.id() != actor.id()) {
                                    ledgers.get(owner.id()).liked(postId, actor.id());
                                }
                            }
                        }
                        case 1 -> { // the same like twice at the same instant: exactly one may succeed
                            CompletableFuture<Gateway.Reply> first = CompletableFuture.supplyAsync(() -> Gateway.post(path, actor.token(), null));
                            CompletableFuture<Gateway.Reply> second = CompletableFuture.supplyAsync(() -> Gateway.post(path, actor.token(), null));
                            int successes = 0;
                            for (Gateway.Reply reply : List.of(first.join(), second.join())) {
                                traffic.record("double like", reply, 409);
                                successes += reply.ok() ? 1 : 0;
                            }
                            doubleLikes.incrementAndGet();
                            if (successes != (isLiked ? 0 : 1)) {
                                raceViolations.add("post " + postId + " by " + actor.id() + ": " + successes + " of 2 likes succeeded");
                            }
                            if (successes > 0) {
                                likes.addAndGet(successes);
                                for (int i = 0; i < successes && owner.id() != actor.id(); i++) {
                                    ledgers.get(owner.id()).liked(postId, actor.id());
                                }
                            }
                            state.put(postId, true);
                        }
                        case 2 -> { // unlike: always 200
                            if (traffic.record("unlike", Gateway.call("DELETE", path, actor.token(), null)).ok()) {
                                state.put(postId, false);
                                unlikes.incrementAndGet();
                            }
                        }
                        case 3 -> {
                            if (traffic.record("comment", Gateway.post("/api/v1/posts/" + postId + "/comments", actor.token(),
                                    "{\"comment\":\"turn " + turn + "\"}")).ok()) {
                                comments.computeIfAbsent(postId, id -> new AtomicInteger()).incrementAndGet();
                                if (owner.id() != actor.id()) {
                                    ledgers.get(owner.id()).commented(postId, actor.id());
                                }
                            }
                        }
                        default -> {
                            traffic.record("like count", Gateway.get(path, actor.token()));
                            traffic.record("feed", Gateway.get("/api/v1/posts?size=10", actor.token()));
                        }
                    }
                }
                state.forEach((postId, isLikedNow) -> {
                    if (isLikedNow) {
                        liked.add(postId + ":" + actor.id());
                    }
                });
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        threads.shutdown();

        int expectedAlarms = ledgers.values().stream().mapToInt(AlarmLedger::size).sum();
        String in = placeholders(posts.size());
        Object[] ids = posts.toArray();
        try (Connection postDb = ChaosSuite.postDb(); Connection alarmDb = ChaosSuite.alarmDb()) {
            awaitCondition("every alarm stored", Duration.ofMinutes(2), () -> count(alarmDb,
                    "SELECT COUNT(*) FROM alarms WHERE target_id IN (" + in + ")", ids) >= expectedAlarms);
            ChaosSuite.pause(Duration.ofSeconds(2)); // a late duplicate would show up now
            long likeRows = count(postDb, "SELECT COUNT(*) FROM likes WHERE post_id IN (" + in + ")", ids);
            long distinctLikes = count(postDb, "SELECT COUNT(DISTINCT post_id, user_id) FROM likes WHERE post_id IN (" + in + ")", ids);
            long likeCounters = count(postDb, "SELECT SUM(like_count) FROM posts WHERE id IN (" + in + ")", ids);
            long commentRows = count(postDb, "SELECT COUNT(*) FROM comments WHERE post_id IN (" + in + ")", ids);
            long commentCounters = count(postDb, "SELECT SUM(comment_count) FROM posts WHERE id IN (" + in + ")", ids);
            String eventsOfThesePosts = "FROM outbox_events WHERE CAST(JSON_VALUE(payload, '$.postId') AS UNSIGNED) IN (" + in + ")";
            // likes and comments raise alarms; an unlike that removed a like publishes LIKE_REMOVED_FROM_POST (no alarm)
            long events = count(postDb, "SELECT COUNT(*) " + eventsOfThesePosts
                    + " AND JSON_VALUE(payload, '$.type') IN ('NEW_LIKE_ON_POST', 'NEW_COMMENT_ON_POST')", ids);
            long likeEvents = count(postDb, "SELECT COUNT(*) " + eventsOfThesePosts + " AND JSON_VALUE(payload, '$.type') = 'NEW_LIKE_ON_POST'", ids);
            long unlikeEvents = count(postDb, "SELECT COUNT(*) " + eventsOfThesePosts + " AND JSON_VALUE(payload, '$.type') = 'LIKE_REMOVED_FROM_POST'", ids);
            long othersLikes = count(postDb, "SELECT COUNT(*) FROM likes l JOIN posts p ON p.id = l.post_id "
                    + "WHERE l.user_id <> p.user_id AND l.post_id IN (" + in + ")", ids);
            long unpublished = count(postDb, "SELECT COUNT(*) FROM outbox_events WHERE published_at IS NULL "
                    + "AND CAST(JSON_VALUE(payload, '$.postId') AS UNSIGNED) IN (" + in + ")", ids);
            long alarmRows = count(alarmDb, "SELECT COUNT(*) FROM alarms WHERE target_id IN (" + in + ")", ids);
            long distinctEvents = count(alarmDb, "SELECT COUNT(DISTINCT event_id) FROM alarms WHERE target_id IN (" + in + ")", ids);
            int ackedComments = comments.values().stream().mapToInt(AtomicInteger::get).sum();
            Map<Long, AlarmLedger.Difference> differences = new HashMap<>();
            for (Users.User owner : owners) {
                differences.put(owner.id(), ledgers.get(owner.id()).compare(ChaosSuite.alarms(owner)));
            }
            Set<Long> apiCountsWrong = new HashSet<>();
            for (long postId : posts) {
                long rows = count(postDb, "SELECT COUNT(*) FROM likes WHERE post_id = ?", postId);
                long wanted = liked.stream().filter(pair -> pair.startsWith(postId + ":")).count();
                JsonNode apiCount = Gateway.get("/api/v1/posts/" + postId + "/likes", owners.getFirst().token()).result();
                if (rows != wanted || apiCount.asLong() != rows) {
                    apiCountsWrong.add(postId);
                }
            }

            System.out.printf("CHAOS consistency: %s; %d actors x %d turns on %d posts: %d likes (%d double-like races), "
                            + "%d unlikes, %d comments acknowledged; database: %d like rows (%d expected, counters %d), "
                            + "%d comment rows (counters %d), %d outbox events of likes and comments + %d of unlikes (%d unpublished), %d alarms (%d expected, "
                            + "%d distinct events)%n",
                    traffic.summary(), actors.size(), TURNS, posts.size(), likes.get(), doubleLikes.get(), unlikes.get(),
                    ackedComments, likeRows, liked.size(), likeCounters, commentRows, commentCounters, events, unlikeEvents, unpublished,
                    alarmRows, expectedAlarms, distinctEvents);
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(traffic.failures()).as("unexpected answers").isEmpty();
                softly.assertThat(raceViolations).as("double likes with other than exactly one success").isEmpty();
                softly.assertThat(likeRows).as("like rows = likes that ended liked").isEqualTo(liked.size());
                softly.assertThat(distinctLikes).as("no duplicate like rows").isEqualTo(likeRows);
                softly.assertThat(likeCounters).as("like counters = like rows").isEqualTo(likeRows);
                softly.assertThat(apiCountsWrong).as("posts whose like count differs from the rows or the API").isEmpty();
                softly.assertThat(commentRows).as("comment rows = acknowledged comments").isEqualTo(ackedComments);
                softly.assertThat(commentCounters).as("comment counters = comment rows").isEqualTo(commentRows);
                softly.assertThat(events).as("outbox events = acknowledged likes and comments of others").isEqualTo(expectedAlarms);
                softly.assertThat(likeEvents - unlikeEvents).as("like events - unlike events = likes of others' posts now")
                        .isEqualTo(othersLikes);
                softly.assertThat(alarmRows).as("alarms = acknowledged likes and comments of others").isEqualTo(expectedAlarms);
                softly.assertThat(distinctEvents).as("one alarm per event").isEqualTo(alarmRows);
                differences.forEach((owner, difference) ->
                        softly.assertThat(difference.none()).as("alarm list of %d = its ledger: %s", owner, difference).isTrue());
            });
        }
    }
}

package dev.sns.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class LikeTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void likeOnceThenAlreadyLikedThenUnlike() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long postId = createPostId(alice);

        Gateway.Reply liked = like(bob, postId);
        Gateway.Reply again = like(bob, postId);

        assertThat(liked.status()).isEqualTo(200);
        assertThat(liked.resultCode()).isEqualTo("SUCCESS");
        assertThat(liked.result().isNull()).isTrue();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.resultCode()).isEqualTo("ALREADY_LIKED");
        assertThat(likeCount(bob, postId)).isEqualTo(1);
        assertThat(api.get("/api/v1/posts/" + postId, bob.token()).result().path("likeCount").asInt()).isEqualTo(1);

        Gateway.Reply unliked = api.delete("/api/v1/posts/" + postId + "/likes", bob.token());
        assertThat(unliked.status()).isEqualTo(200);
        assertThat(unliked.result().isNull()).isTrue();
        assertThat(likeCount(bob, postId)).isZero();

        Gateway.Reply unlikedAgain = api.delete("/api/v1/posts/" + postId + "/likes", bob.token());
        assertThat(unlikedAgain.status()).isEqualTo(200); // idempotent, and the count never goes below zero
        assertThat(likeCount(bob, postId)).isZero();
        assertThat(like(bob, postId).status()).isEqualTo(200);
        assertThat(likeCount(bob, postId)).isEqualTo(1);
    }

    @Test
    void ownPostCanBeLiked() {
        TestUser alice = newUser();
        long postId = createPostId(alice);

        assertThat(like(alice, postId).status()).isEqualTo(200);
        assertThat(likeCount(alice, postId)).isEqualTo(1);
    }

    @Test
    void likeCountIsANumberAndAsksNobodyForNames() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long postId = createPostId(alice);
        like(bob, postId);

        Gateway.Reply count = api.get("/api/v1/posts/" + postId + "/likes", bob.token());

        assertThat(count.status()).isEqualTo(200);
        assertThat(count.result().isNumber()).isTrue();
        assertThat(count.result().asInt()).isEqualTo(1);
        assertThat(userService.calls()).isEmpty(); // create, like, count: no user-service call at all
        assertThat(api.get("/api/v1/posts/987654321/likes", bob.token()).resultCode()).isEqualTo("POST_NOT_FOUND");
        assertThat(like(bob, 987654321L).resultCode()).isEqualTo("POST_NOT_FOUND");
    }

    @Test
    void simultaneousLikesByOneUserMakeOneLike() throws Exception {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long postId = createPostId(alice);

        List<Gateway.Reply> responses = all(10, i -> like(bob, postId));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409 && r.resultCode().equals("ALREADY_LIKED")).hasSize(9);
        assertThat(likeCount(bob, postId)).isEqualTo(1);
        assertThat(rows(postId)).isEqualTo(1);
    }

    @Test
    void simultaneousLikesByManyUsersAreAllCounted() throws Exception {
        TestUser alice = newUser();
        long postId = createPostId(alice);
        List<TestUser> likers = IntStream.range(0, 30).mapToObj(i -> newUser()).toList();

        List<Gateway.Reply> responses = all(30, i -> like(likers.get(i), postId));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(likeCount(alice, postId)).isEqualTo(30);
        assertThat(rows(postId)).isEqualTo(30);
    }

    private Gateway.Reply like(TestUser user, long postId) {
        return api.post("/api/v1/posts/" + postId + "/likes", user.token(), null);
    }

    private int likeCount(TestUser user, long postId) {
        return api.get("/api/v1/posts/" + postId + "/likes", user.token()).result().asInt();
    }

    private long rows(long postId) {
        return jdbc.sql("SELECT COUNT(*) FROM likes WHERE post_id = ?").param(postId).query(Long.class).single();
    }

    /** Runs the calls on as many threads, released at the same instant. */
    static List<Gateway.Reply> all(int count, Function<Integer, Gateway.Reply> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
            List<Future<Gateway.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Gateway.Reply> task = () -> {
                    start.await();
                    return call.apply(index);
                };
                futures.add(threads.submit(task));
            }
            start.countDown();
            List<Gateway.Reply> responses = new ArrayList<>();
            for (Future<Gateway.Reply> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}

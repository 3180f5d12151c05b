package dev.sns.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Conditional GETs through the gateway: a 304 arrives as a 304 without body, and a like or an alarm changes the tag. */
class ConditionalGetE2ETest {

    @Test
    void a304StaysA304ThroughTheGatewayUntilALikeChangesThePost() throws Exception {
        Users.User alice = Users.newUser("etag-alice");
        Users.User bob = Users.newUser("etag-bob");
        long postId = Gateway.post("/api/v1/posts", alice.token(), "{\"title\":\"tagged\",\"body\":\"b\"}").result()
                .get("id").asLong();
        String post = "/api/v1/posts/" + postId;

        Gateway.Reply first = get(post, bob, null);
        String tag = first.headers().firstValue("ETag").orElseThrow();
        Gateway.Reply revalidated = get(post, bob, tag);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=0, must-revalidate, private");
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(tag);
        assertThat(revalidated.headers().firstValue("Cache-Control")).hasValue("max-age=0, must-revalidate, private");

        String myPosts = get("/api/v1/posts/my", alice, null).headers().firstValue("ETag").orElseThrow();
        assertThat(get("/api/v1/posts/my", alice, myPosts).status()).isEqualTo(304);

        assertThat(Gateway.post(post + "/likes", bob.token(), null).status()).isEqualTo(200);

        Gateway.Reply afterLike = get(post, bob, tag);
        assertThat(afterLike.status()).isEqualTo(200);
        assertThat(Gateway.JSON.readTree(afterLike.body()).at("/result/likeCount").asInt()).isEqualTo(1);
        assertThat(afterLike.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(tag);
        assertThat(get("/api/v1/posts/my", alice, myPosts).status()).as("alice's posts show the like too")
                .isEqualTo(200);
    }

    @Test
    void theAlarmListRevalidatesPerUserAndChangesWithANewAlarm() throws Exception {
        Users.User owner = Users.newUser("etag-owner");
        Users.User fan = Users.newUser("etag-fan");
        long postId = Gateway.post("/api/v1/posts", owner.token(), "{\"title\":\"t\",\"body\":\"b\"}").result()
                .get("id").asLong();
        Gateway.Reply empty = get("/api/v1/users/alarm", owner, null);
        String tag = empty.headers().firstValue("ETag").orElseThrow();

        assertThat(String.join(",", empty.headers().allValues("Vary"))).contains("Authorization");
        assertThat(get("/api/v1/users/alarm", owner, tag).status()).isEqualTo(304);
        assertThat(get("/api/v1/users/alarm", fan, tag).status()).as("another user's tag").isEqualTo(200);

        Gateway.post("/api/v1/posts/" + postId + "/comments", fan.token(), "{\"comment\":\"hi\"}");

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/v1/users/alarm", owner, tag).status() == 200);
    }

    private static Gateway.Reply get(String path, Users.User user, String ifNoneMatch) {
        return Gateway.call("GET", path, user.token(), null,
                ifNoneMatch == null ? new String[0] : new String[] {"If-None-Match", ifNoneMatch});
    }
}

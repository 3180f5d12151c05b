package dev.sns.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The popular posts through the gateway, with post-service running as several instances (one consumer group: each
 * like counted once): a like ranks its post within 2 s, the unlike takes it back, and bad input is refused in the
 * envelope.
 */
class PopularPostsE2ETest {

    @BeforeAll
    static void warmSuite() {
        Gateway.awaitWarm();
    }

    @Test
    void aLikeRanksThePostWithinTwoSecondsAndTheUnlikeTakesItBack() {
        Users.User alice = Users.newUser("alice");
        List<Users.User> fans = Users.newUsers("fan", 2);
        long postId = Gateway.post("/api/v1/posts", alice.token(), "{\"title\":\"Popular\",\"body\":\"Like me\"}")
                .result().get("id").asLong();
        assertThat(ranked("1h", alice.token())).doesNotContain(postId);

        long likedAt = System.nanoTime();
        for (Users.User fan : fans) {
            assertThat(Gateway.post("/api/v1/posts/" + postId + "/likes", fan.token(), null).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> ranked("1h", alice.token()).contains(postId));
        System.out.printf("popular: ranked %d ms after the likes%n", (System.nanoTime() - likedAt) / 1_000_000);
        JsonNode post = find("24h", alice.token(), postId);
        assertThat(post.get("likeCount").asInt()).isEqualTo(2);
        assertThat(post.get("user").get("userName").asString()).isEqualTo(alice.name());
        assertThat(ranked("7d", alice.token())).contains(postId);

        for (Users.User fan : fans) {
            assertThat(Gateway.call("DELETE", "/api/v1/posts/" + postId + "/likes", fan.token(), null).status())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> !ranked("1h", alice.token()).contains(postId));
    }

    @Test
    void aWindowOrSizeItCannotServeIsRefusedInTheEnvelope() {
        Users.User user = Users.newUser("reader");
        for (String query : List.of("window=2h", "size=0", "size=101", "size=many")) {
            Gateway.Reply reply = Gateway.get("/api/v1/posts/popular?" + query, user.token());
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.isEnvelope()).as(query).isTrue();
            assertThat(reply.resultCode()).as(query).isEqualTo("INVALID_REQUEST");
        }
        assertThat(Gateway.get("/api/v1/posts/popular", null).status()).isEqualTo(401);
    }

    /** Every post the window ranks, best first (all pages: other tests' posts may rank before it). */
    private static List<Long> ranked(String window, String token) {
        List<Long> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            Gateway.Reply reply = Gateway.get("/api/v1/posts/popular?window=" + window + "&size=100&page=" + page, token);
            assertThat(reply.status()).isEqualTo(200);
            reply.result().get("content").forEach(post -> ids.add(post.get("id").asLong()));
            if (reply.result().get("last").asBoolean()) {
                return ids;
            }
        }
    }

    private static JsonNode find(String window, String token, long postId) {
        for (int page = 0; ; page++) {
            JsonNode result = Gateway.get("/api/v1/posts/popular?window=" + window + "&size=100&page=" + page, token).result();
            for (JsonNode post : result.get("content")) {
                if (post.get("id").asLong() == postId) {
                    return post;
                }
            }
            assertThat(result.get("last").asBoolean()).as("post %d ranked in %s", postId, window).isFalse();
        }
    }
}

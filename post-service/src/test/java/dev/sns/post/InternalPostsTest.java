package dev.sns.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import dev.sns.web.test.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The batch reads timeline-service hydrates and rebuilds timelines with: service token only, deleted posts left out. */
class InternalPostsTest extends IntegrationTest {

    private final String service = TestTokens.service("post-service");

    @Test
    void postsByIdAreRenderedLikeTheFeed_deletedAndUnknownOnesLeftOut() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long kept = createPostId(alice);
        long other = createPostId(bob);
        long deleted = createPostId(alice);
        api.delete("/api/v1/posts/" + deleted, alice.token());

        Gateway.Reply answer = api.get("/internal/posts?ids=" + kept + "," + other + "," + deleted + ",999999999", service);

        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> posts = answer.result().valueStream().toList();
        assertThat(posts).extracting(p -> p.path("id").asLong()).containsExactlyInAnyOrder(kept, other);
        JsonNode feedPost = api.get("/api/v1/posts/" + kept, alice.token()).result();
        assertThat(posts.stream().filter(p -> p.path("id").asLong() == kept).findFirst().orElseThrow()).isEqualTo(feedPost);
    }

    @Test
    void recentPostsOfAuthorsAreIdsNewestFirst() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long a1 = createPostId(alice);
        long b1 = createPostId(bob);
        long a2 = createPostId(alice);
        long deleted = createPostId(bob);
        api.delete("/api/v1/posts/" + deleted, bob.token());
        createPostId(newUser());

        JsonNode recent = api.get("/internal/posts/recent?authors=" + alice.id() + "," + bob.id() + "&limit=10", service).result();
        assertThat(recent.valueStream().map(p -> p.path("id").asLong()).toList()).containsExactly(a2, b1, a1);
        assertThat(recent.get(0).path("userId").asLong()).isEqualTo(alice.id());
        assertThat(api.get("/internal/posts/recent?authors=" + alice.id() + "&limit=1", service).result()
                .valueStream().map(p -> p.path("id").asLong()).toList()).containsExactly(a2);
    }

    @Test
    void onlyAServiceIdentityMayRead() {
        TestUser alice = newUser();
        long postId = createPostId(alice);
        assertThat(api.get("/internal/posts?ids=" + postId, alice.token()).status()).isEqualTo(403);
        assertThat(api.get("/internal/posts/recent?authors=" + alice.id(), alice.token()).status()).isEqualTo(403);
        assertThat(api.get("/internal/posts?ids=x", service).resultCode()).isEqualTo("INVALID_REQUEST");
        assertThat(api.get("/internal/posts/recent?authors=1&limit=0", service).resultCode()).isEqualTo("INVALID_REQUEST");
    }
}

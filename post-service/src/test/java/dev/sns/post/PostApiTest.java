package dev.sns.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Create, read, update, delete of posts, with their permissions and validation. */
class PostApiTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createdPostIsReturnedWithItsAuthorAndCanBeReadBack() {
        TestUser alice = newUser();
        Instant before = Instant.now().minusSeconds(1);

        Gateway.Reply created = createPost(alice, "Hello", "First post");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.resultCode()).isEqualTo("SUCCESS");
        JsonNode post = created.result();
        assertThat(post.propertyNames()).containsExactly("id", "title", "body", "user", "likeCount", "commentCount",
                "registeredAt", "updatedAt", "deletedAt");
        assertThat(post.path("title").asString()).isEqualTo("Hello");
        assertThat(post.path("body").asString()).isEqualTo("First post");
        assertThat(post.path("user").path("id").asLong()).isEqualTo(alice.id());
        assertThat(post.path("user").path("userName").asString()).isEqualTo(alice.name());
        assertThat(post.path("user").path("name").asString()).isEqualTo(alice.name());
        assertThat(post.path("user").path("role").asString()).isEqualTo("USER");
        assertThat(post.path("likeCount").asInt()).isZero();
        assertThat(post.path("commentCount").asInt()).isZero();
        assertThat(Instant.parse(post.path("registeredAt").asString())).isAfter(before);
        assertThat(post.path("updatedAt").isNull()).isTrue();
        assertThat(post.path("deletedAt").isNull()).isTrue();

        TestUser bob = newUser();
        Gateway.Reply read = api.get("/api/v1/posts/" + post.path("id").asLong(), bob.token());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.result()).isEqualTo(post); // the author's name now comes from user-service: same values
        assertThat(userService.calls()).hasSize(1);
        assertThat(userService.calls().getFirst().ids()).containsExactly(alice.id());
        assertThat(userService.calls().getFirst().serviceCaller())
                .as("post-service's own identity, not the reader's token").isEqualTo("post-service");
        assertThat(userService.calls().getFirst().authorization()).doesNotContain(bob.token());
    }

    @Test
    void ownerUpdatesTitleAndBody() {
        TestUser alice = newUser();
        long id = createPostId(alice);

        Gateway.Reply updated = api.put("/api/v1/posts/" + id, alice.token(),
                Client.json(Map.of("title", "New title", "body", "New body")));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.result().path("id").asLong()).isEqualTo(id);
        assertThat(updated.result().path("title").asString()).isEqualTo("New title");
        assertThat(updated.result().path("body").asString()).isEqualTo("New body");
        assertThat(updated.result().path("user").path("userName").asString()).isEqualTo(alice.name());
        assertThat(updated.result().path("updatedAt").isNull()).isFalse();
        Gateway.Reply read = api.get("/api/v1/posts/" + id, alice.token());
        assertThat(read.result().path("title").asString()).isEqualTo("New title");
        assertThat(read.result().path("updatedAt")).isEqualTo(updated.result().path("updatedAt"));
    }

    @Test
    void onlyTheOwnerMayUpdateOrDelete() {
        TestUser alice = newUser();
        TestUser mallory = newUser();
        long id = createPostId(alice);

        Gateway.Reply update = api.put("/api/v1/posts/" + id, mallory.token(), Client.json(Map.of("title", "x", "body", "y")));
        Gateway.Reply delete = api.delete("/api/v1/posts/" + id, mallory.token());

        assertThat(update.status()).isEqualTo(403);
        assertThat(update.resultCode()).isEqualTo("INVALID_PERMISSION");
        assertThat(update.result().isNull()).isTrue();
        assertThat(delete.status()).isEqualTo(403);
        assertThat(delete.resultCode()).isEqualTo("INVALID_PERMISSION");
        assertThat(api.get("/api/v1/posts/" + id, alice.token()).result().path("title").asString())
                .isEqualTo("title by " + alice.name());
    }

    @Test
    void deletedPostIsGoneWithItsCommentsAndLikes() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long id = createPostId(alice);
        api.post("/api/v1/posts/" + id + "/comments", bob.token(), Client.json(Map.of("comment", "nice")));
        api.post("/api/v1/posts/" + id + "/likes", bob.token(), null);

        Gateway.Reply deleted = api.delete("/api/v1/posts/" + id, alice.token());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.resultCode()).isEqualTo("SUCCESS");
        assertThat(deleted.result().isNull()).isTrue();
        for (Gateway.Reply after : List.of(
                api.get("/api/v1/posts/" + id, alice.token()),
                api.put("/api/v1/posts/" + id, alice.token(), Client.json(Map.of("title", "x", "body", "y"))),
                api.delete("/api/v1/posts/" + id, alice.token()),
                api.get("/api/v1/posts/" + id + "/likes", bob.token()),
                api.post("/api/v1/posts/" + id + "/likes", bob.token(), null),
                api.delete("/api/v1/posts/" + id + "/likes", bob.token()),
                api.get("/api/v1/posts/" + id + "/comments", bob.token()),
                api.post("/api/v1/posts/" + id + "/comments", bob.token(), Client.json(Map.of("comment", "late"))))) {
            assertThat(after.status()).isEqualTo(404);
            assertThat(after.resultCode()).isEqualTo("POST_NOT_FOUND");
        }
        assertThat(api.get("/api/v1/posts/my", alice.token()).result().path("totalElements").asLong()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments WHERE post_id = ? AND deleted_at IS NULL").param(id)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments WHERE post_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(1); // soft: kept, marked deleted
        assertThat(jdbc.sql("SELECT COUNT(*) FROM likes WHERE post_id = ?").param(id).query(Long.class).single()).isZero();
    }

    @Test
    void unknownPostIsNotFound() {
        TestUser alice = newUser();
        Gateway.Reply response = api.get("/api/v1/posts/987654321", alice.token());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.resultCode()).isEqualTo("POST_NOT_FOUND");
        assertThat(response.json().path("resultMessage").asString()).isNotBlank();
    }

    @Test
    void invalidTitlesAndBodiesAreRejectedFieldByField() {
        TestUser alice = newUser();
        String tooLongTitle = "t".repeat(201);
        String tooLongBody = "b".repeat(10_001);

        Gateway.Reply blank = createPost(alice, "  ", "");
        Gateway.Reply tooLong = createPost(alice, tooLongTitle, tooLongBody);
        Gateway.Reply missing = api.post("/api/v1/posts", alice.token(), "{\"title\":\"only a title\"}");

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.resultCode()).isEqualTo("INVALID_REQUEST");
        assertThat(fields(blank)).containsExactlyInAnyOrder("title", "body");
        assertThat(fields(tooLong)).containsExactlyInAnyOrder("title", "body");
        assertThat(fields(missing)).containsExactly("body");
        assertThat(createPost(alice, "t".repeat(200), "b".repeat(10_000)).status()).isEqualTo(200);
        assertThat(createPost(alice, "x", "y").status()).isEqualTo(200);
        long id = createPostId(alice);
        Gateway.Reply update = api.put("/api/v1/posts/" + id, alice.token(), Client.json(Map.of("title", "", "body", "ok")));
        assertThat(update.status()).isEqualTo(400);
        assertThat(fields(update)).containsExactly("title");
    }

    @Test
    void malformedRequestsAreInvalidRequests() {
        TestUser alice = newUser();

        Gateway.Reply brokenJson = api.post("/api/v1/posts", alice.token(), "{\"title\": \"x\", ");
        Gateway.Reply wrongShape = api.post("/api/v1/posts", alice.token(), "[1, 2]");
        Gateway.Reply notANumber = api.get("/api/v1/posts/abc", alice.token());

        for (Gateway.Reply response : List.of(brokenJson, wrongShape, notANumber)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.resultCode()).isEqualTo("INVALID_REQUEST");
        }
    }

    @Test
    void oddContentTypesAndAcceptHeadersStillGetTheEnvelope() {
        TestUser alice = newUser();
        long id = createPostId(alice);
        String body = Client.json(Map.of("title", "x", "body", "y"));

        for (String contentType : List.of("*/*", "application/*", "text/plain", "application/", "nonsense")) {
            Gateway.Reply response = api.call("POST", "/api/v1/posts", alice.token(), body, "Content-Type", contentType);
            assertThat(response.status()).as(contentType).isEqualTo(415);
            assertThat(response.resultCode()).as(contentType).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        }
        for (String accept : List.of("application/xml", "text/html", "nonsense")) {
            Gateway.Reply response = api.call("GET", "/api/v1/posts/" + id, alice.token(), null, "Accept", accept);
            assertThat(response.status()).as(accept).isEqualTo(400);
            assertThat(response.resultCode()).as(accept).isEqualTo("INVALID_REQUEST");
        }
    }

    @Test
    void everyEndpointNeedsAValidToken() {
        TestUser alice = newUser();
        long id = createPostId(alice);
        String expired = Tokens.expired(alice.id(), alice.name());

        for (Gateway.Reply response : List.of(
                api.get("/api/v1/posts", null),
                api.get("/api/v1/posts/" + id, expired),
                api.post("/api/v1/posts", Tokens.signedWithAnotherKey(alice.id(), alice.name()),
                        Client.json(Map.of("title", "x", "body", "y"))),
                api.post("/api/v1/posts/" + id + "/likes", Tokens.unsigned(alice.id(), alice.name()), null))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.resultCode()).isEqualTo("INVALID_TOKEN");
        }
        assertThat(api.get("/api/v1/posts/" + id + "/likes", alice.token()).result().asInt()).isZero();
    }

    private static List<String> fields(Gateway.Reply response) {
        return response.result().valueStream().map(problem -> problem.path("field").asString()).toList();
    }
}

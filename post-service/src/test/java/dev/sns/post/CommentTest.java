package dev.sns.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CommentTest extends IntegrationTest {

    @Test
    void createdCommentIsReturnedAndCountedOnThePost() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long postId = createPostId(alice);

        Gateway.Reply created = comment(bob, postId, "Nice post!");

        assertThat(created.status()).isEqualTo(200);
        JsonNode comment = created.result();
        assertThat(comment.propertyNames()).containsExactly("id", "comment", "userName", "userId", "postId",
                "registeredAt", "updatedAt", "deletedAt");
        assertThat(comment.path("comment").asString()).isEqualTo("Nice post!");
        assertThat(comment.path("userName").asString()).isEqualTo(bob.name());
        assertThat(comment.path("userId").asLong()).isEqualTo(bob.id());
        assertThat(comment.path("postId").asLong()).isEqualTo(postId);
        assertThat(comment.path("registeredAt").asString()).isNotBlank();
        assertThat(comment.path("updatedAt").isNull()).isTrue();
        assertThat(comment.path("deletedAt").isNull()).isTrue();
        assertThat(api.get("/api/v1/posts/" + postId, alice.token()).result().path("commentCount").asInt()).isEqualTo(1);
        assertThat(userService.calls()).hasSize(1); // the post's author; the commenter's name came from the token
    }

    @Test
    void commentsArePagedNewestFirstWithTheirAuthorsNames() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        TestUser carol = newUser();
        long postId = createPostId(alice);
        long first = comment(bob, postId, "one").result().path("id").asLong();
        long second = comment(carol, postId, "two").result().path("id").asLong();
        long third = comment(bob, postId, "three").result().path("id").asLong();
        userService.reset();

        Gateway.Reply page = api.get("/api/v1/posts/" + postId + "/comments?size=2", alice.token());

        assertThat(page.status()).isEqualTo(200);
        JsonNode result = page.result();
        assertThat(result.propertyNames()).containsExactly("content", "number", "size", "totalElements", "totalPages",
                "numberOfElements", "first", "last", "empty");
        assertThat(FeedTest.ids(result)).containsExactly(third, second);
        assertThat(result.path("content").get(0).path("userName").asString()).isEqualTo(bob.name());
        assertThat(result.path("content").get(1).path("userName").asString()).isEqualTo(carol.name());
        assertThat(result.path("totalElements").asLong()).isEqualTo(3);
        assertThat(userService.calls()).hasSize(1);
        assertThat(userService.calls().getFirst().ids()).containsExactlyInAnyOrder(bob.id(), carol.id());

        JsonNode oldestFirst = api.get("/api/v1/posts/" + postId + "/comments?sort=id,asc&page=undefined", alice.token())
                .result();
        assertThat(FeedTest.ids(oldestFirst)).containsExactly(first, second, third);
        assertThat(api.get("/api/v1/posts/" + postId, alice.token()).result().path("commentCount").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/posts/" + postId + "/comments?sort=comment", alice.token()).status()).isEqualTo(400);
    }

    @Test
    void invalidCommentsAreRejected() {
        TestUser alice = newUser();
        long postId = createPostId(alice);

        for (String invalid : List.of("", "   ", "c".repeat(1001))) {
            Gateway.Reply response = comment(alice, postId, invalid);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.resultCode()).isEqualTo("INVALID_REQUEST");
            assertThat(response.result().get(0).path("field").asString()).isEqualTo("comment");
        }
        Gateway.Reply missing = api.post("/api/v1/posts/" + postId + "/comments", alice.token(), "{}");
        Gateway.Reply malformed = api.post("/api/v1/posts/" + postId + "/comments", alice.token(), "{\"comment\":");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.resultCode()).isEqualTo("INVALID_REQUEST");
        assertThat(comment(alice, postId, "c".repeat(1000)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/posts/" + postId, alice.token()).result().path("commentCount").asInt()).isEqualTo(1);
    }

    @Test
    void commentingOnAMissingPostIsNotFound() {
        TestUser alice = newUser();
        Gateway.Reply response = comment(alice, 987654321L, "hello?");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.resultCode()).isEqualTo("POST_NOT_FOUND");
        assertThat(api.get("/api/v1/posts/987654321/comments", alice.token()).resultCode()).isEqualTo("POST_NOT_FOUND");
    }

    private Gateway.Reply comment(TestUser user, long postId, String text) {
        return api.post("/api/v1/posts/" + postId + "/comments", user.token(), Client.json(Map.of("comment", text)));
    }
}

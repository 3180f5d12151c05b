package dev.sns.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.testsupport.Gateway;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The feed and "my posts": paging rules and Page shape of API.md, newest first. */
class FeedTest extends IntegrationTest {

    @Test
    void feedIsAPageOfAllUsersPostsNewestFirst() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long first = createPostId(alice);
        long second = createPostId(bob);
        long third = createPostId(alice);

        Gateway.Reply page = api.get("/api/v1/posts?size=3", bob.token());

        assertThat(page.status()).isEqualTo(200);
        JsonNode result = page.result();
        assertThat(result.propertyNames()).containsExactly("content", "number", "size", "totalElements", "totalPages",
                "numberOfElements", "first", "last", "empty");
        assertThat(ids(result)).containsExactly(third, second, first);
        assertThat(result.path("number").asInt()).isZero();
        assertThat(result.path("size").asInt()).isEqualTo(3);
        assertThat(result.path("numberOfElements").asInt()).isEqualTo(3);
        assertThat(result.path("totalElements").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(result.path("first").asBoolean()).isTrue();
        assertThat(result.path("empty").asBoolean()).isFalse();
        JsonNode newest = result.path("content").get(0);
        assertThat(newest.path("user").path("id").asLong()).isEqualTo(alice.id());
        assertThat(newest.path("user").path("userName").asString()).isEqualTo(alice.name());
        assertThat(result.path("content").get(1).path("user").path("userName").asString()).isEqualTo(bob.name());
    }

    @Test
    void myPostsAreOnlyTheCallersPagedNewestFirst() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        List<Long> alicePosts = IntStream.range(0, 5).mapToObj(i -> createPostId(alice)).toList();
        createPostId(bob);

        Gateway.Reply firstPage = api.get("/api/v1/posts/my?size=2", alice.token());
        Gateway.Reply lastPage = api.get("/api/v1/posts/my?size=2&page=2", alice.token());

        assertThat(ids(firstPage.result())).containsExactly(alicePosts.get(4), alicePosts.get(3));
        assertThat(firstPage.result().path("totalElements").asLong()).isEqualTo(5);
        assertThat(firstPage.result().path("totalPages").asInt()).isEqualTo(3);
        assertThat(firstPage.result().path("last").asBoolean()).isFalse();
        assertThat(ids(lastPage.result())).containsExactly(alicePosts.get(0));
        assertThat(lastPage.result().path("number").asInt()).isEqualTo(2);
        assertThat(lastPage.result().path("first").asBoolean()).isFalse();
        assertThat(lastPage.result().path("last").asBoolean()).isTrue();
        assertThat(lastPage.result().path("numberOfElements").asInt()).isEqualTo(1);
    }

    @Test
    void aUserWithoutPostsGetsAnEmptyPage() {
        TestUser nobody = newUser();

        JsonNode page = api.get("/api/v1/posts/my", nobody.token()).result();

        assertThat(page.path("content").isArray()).isTrue();
        assertThat(page.path("content").size()).isZero();
        assertThat(page.path("empty").asBoolean()).isTrue();
        assertThat(page.path("totalElements").asLong()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        assertThat(userService.calls()).isEmpty(); // no authors to look up
    }

    @Test
    void pageThatIsNotANumberMeansTheFirstPage() {
        TestUser alice = newUser();
        createPostId(alice);

        Gateway.Reply response = api.get("/api/v1/posts/my?page=undefined&size=undefined", alice.token());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result().path("number").asInt()).isZero();
        assertThat(response.result().path("size").asInt()).isEqualTo(20);
        assertThat(response.result().path("numberOfElements").asInt()).isEqualTo(1);
    }

    @Test
    void aPageFarBeyondTheLastIsEmptyNotAnError() {
        TestUser alice = newUser();
        createPostId(alice);

        for (String query : List.of("page=2147483647", "page=2147483647&size=100", "page=99999999999&size=100")) {
            Gateway.Reply response = api.get("/api/v1/posts/my?" + query, alice.token());

            assertThat(response.status()).as(query).isEqualTo(200);
            assertThat(response.result().path("empty").asBoolean()).as(query).isTrue();
            assertThat(response.result().path("totalElements").asLong()).as(query).isEqualTo(1);
        }
    }

    @Test
    void sizeIsClampedToOneToAHundred() {
        TestUser alice = newUser();
        createPostId(alice);
        createPostId(alice);

        assertThat(api.get("/api/v1/posts/my?size=0", alice.token()).result().path("size").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/posts/my?size=-5", alice.token()).result().path("numberOfElements").asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/posts?size=1000", alice.token()).result().path("size").asInt()).isEqualTo(100);
    }

    @Test
    void sortByIdOrRegisteredAtOnly() {
        TestUser alice = newUser();
        long older = createPostId(alice);
        long newer = createPostId(alice);

        assertThat(ids(api.get("/api/v1/posts/my?sort=id,asc", alice.token()).result())).containsExactly(older, newer);
        assertThat(ids(api.get("/api/v1/posts/my?sort=id", alice.token()).result())).containsExactly(newer, older);
        assertThat(api.get("/api/v1/posts/my?sort=registeredAt,desc", alice.token()).status()).isEqualTo(200);
        for (String sort : List.of("title", "userId,asc", "id,sideways", "password", ",,,")) {
            Gateway.Reply response = api.get("/api/v1/posts?sort=" + sort, alice.token());
            assertThat(response.status()).as(sort).isEqualTo(400);
            assertThat(response.resultCode()).isEqualTo("INVALID_REQUEST");
        }
    }

    @Test
    void deletedPostsLeaveTheFeed() {
        TestUser alice = newUser();
        long kept = createPostId(alice);
        long deleted = createPostId(alice);
        api.delete("/api/v1/posts/" + deleted, alice.token());

        assertThat(ids(api.get("/api/v1/posts/my", alice.token()).result())).containsExactly(kept);
        assertThat(ids(api.get("/api/v1/posts?size=100", alice.token()).result())).contains(kept).doesNotContain(deleted);
    }

    static List<Long> ids(JsonNode page) {
        return page.path("content").valueStream().map(post -> post.path("id").asLong()).toList();
    }
}

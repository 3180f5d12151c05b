package dev.sns.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sns.post.support.UserServiceStub;
import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Conditional GET of posts, feed pages and comment pages: a 304 exactly while nothing the 200 would show changed,
 * decided without building the body.
 */
class ConditionalGetTest extends IntegrationTest {

    private static final String REVALIDATE = "max-age=0, must-revalidate, private";

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void aPostCarriesAWeakTagAndAnswers304WithoutBodyWhileItIsUnchanged() {
        TestUser author = newUser();
        TestUser reader = newUser();
        long postId = createPostId(author);
        String path = "/api/v1/posts/" + postId;

        Gateway.Reply first = api.get(path, reader.token());
        String tag = first.header("ETag");
        Gateway.Reply again = getIfNoneMatch(path, reader.token(), tag);

        assertThat(first.status()).isEqualTo(200);
        assertThat(tag).startsWith("W/\"");
        assertThat(first.header("Cache-Control")).isEqualTo(REVALIDATE);
        assertThat(first.header("Vary")).as("the same post for everyone").isNull();
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).as("no body").isEmpty();
        assertThat(again.header("ETag")).isEqualTo(tag);
        assertThat(again.header("Cache-Control")).isEqualTo(REVALIDATE);
        assertThat(api.get(path, author.token()).header("ETag")).as("same post, same tag, any reader").isEqualTo(tag);
    }

    @Test
    void aPostsTagChangesWithEveryChangeItsReadShows() {
        TestUser author = newUser();
        TestUser fan = newUser();
        long postId = createPostId(author);
        String path = "/api/v1/posts/" + postId;
        Revalidation post = new Revalidation(path, fan.token());

        post.assertChangedBy(() -> api.post(path + "/likes", fan.token(), null));
        post.assertChangedBy(() -> api.post(path + "/comments", fan.token(), Client.json(Map.of("comment", "nice"))));
        post.assertChangedBy(() -> api.delete(path + "/likes", fan.token()));
        post.assertChangedBy(() -> api.put(path, author.token(), Client.json(Map.of("title", "new", "body", "new body"))));
        post.assertUnchangedBy(() -> createPostId(fan)); // another post
        post.assertUnchangedBy(() -> api.delete(path + "/likes", fan.token())); // unliking again changes nothing

        api.delete(path, author.token());
        Gateway.Reply gone = getIfNoneMatch(path, fan.token(), post.tag);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.resultCode()).isEqualTo("POST_NOT_FOUND");
        assertThat(getIfNoneMatch(path, fan.token(), "*").status()).as("* needs a current post").isEqualTo(404);
    }

    @Test
    void twoEditsInOneSecondGiveTwoTags() {
        TestUser author = newUser();
        long postId = createPostId(author);
        String path = "/api/v1/posts/" + postId;
        Revalidation post = new Revalidation(path, author.token());

        post.assertChangedBy(() -> api.put(path, author.token(), Client.json(Map.of("title", "a", "body", "b"))));
        post.assertChangedBy(() -> api.put(path, author.token(), Client.json(Map.of("title", "c", "body", "d"))));
    }

    @Test
    void ifNoneMatchComparesWeaklyAndTakesListsAndStar() {
        TestUser author = newUser();
        long postId = createPostId(author);
        String path = "/api/v1/posts/" + postId;
        String tag = api.get(path, author.token()).header("ETag");
        String strongForm = tag.substring(2);

        assertThat(getIfNoneMatch(path, author.token(), strongForm).status()).isEqualTo(304);
        assertThat(getIfNoneMatch(path, author.token(), "\"old\", " + tag + ", W/\"other\"").status()).isEqualTo(304);
        assertThat(getIfNoneMatch(path, author.token(), "\"old\"", tag).status()).isEqualTo(304);
        assertThat(getIfNoneMatch(path, author.token(), "*").status()).isEqualTo(304);
        assertThat(getIfNoneMatch(path, author.token(), "\"old\", W/\"other\"").status()).isEqualTo(200);
        assertThat(getIfNoneMatch(path, author.token(), "not a tag").status()).isEqualTo(200);
    }

    @Test
    void theFeedsTagChangesWithPostsLikesCommentsEditsAndDeletes() {
        TestUser author = newUser();
        TestUser fan = newUser();
        long postId = createPostId(author);
        String post = "/api/v1/posts/" + postId;
        Revalidation feed = new Revalidation("/api/v1/posts?size=5", fan.token());

        feed.assertChangedBy(() -> createPostId(newUser()));
        feed.assertChangedBy(() -> api.post(post + "/likes", fan.token(), null));
        feed.assertChangedBy(() -> api.delete(post + "/likes", fan.token()));
        feed.assertChangedBy(() -> api.post(post + "/comments", fan.token(), Client.json(Map.of("comment", "hi"))));
        feed.assertChangedBy(() -> api.put(post, author.token(), Client.json(Map.of("title", "t2", "body", "b2"))));
        feed.assertChangedBy(() -> api.delete(post, author.token()));
        feed.assertUnchangedBy(() -> api.get(post, fan.token()));
    }

    @Test
    void aFeed304ReadsOnlyIdsAndVersionsAndNoAuthors() {
        TestUser author = newUser();
        createPostId(author);
        createPostId(author); // more posts than the page holds: the total is counted
        String tag = api.get("/api/v1/posts?size=1", author.token()).header("ETag");
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        userService.mode(UserServiceStub.Mode.ERROR); // no author could be named now
        int callsBefore = userService.calls().size();

        statistics.clear();
        Gateway.Reply revalidated = getIfNoneMatch("/api/v1/posts?size=1", author.token(), tag);

        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(statistics.getPrepareStatementCount()).as("page of ids and versions, and the total").isEqualTo(2);
        assertThat(statistics.getEntityLoadCount()).as("no post loaded").isZero();
        assertThat(userService.calls()).hasSize(callsBefore);
    }

    @Test
    void myPostsVaryWithTheCaller() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        createPostId(alice);

        Gateway.Reply alices = api.get("/api/v1/posts/my", alice.token());
        Gateway.Reply bobs = api.get("/api/v1/posts/my", bob.token());

        assertThat(alices.header("Vary")).isEqualTo("Authorization");
        assertThat(alices.header("ETag")).isNotEqualTo(bobs.header("ETag"));
        assertThat(api.get("/api/v1/posts/my", newUser().token()).header("ETag")).as("two empty pages of two users")
                .isNotEqualTo(bobs.header("ETag"));
        assertThat(getIfNoneMatch("/api/v1/posts/my", bob.token(), alices.header("ETag")).status()).isEqualTo(200);
        assertThat(getIfNoneMatch("/api/v1/posts/my", alice.token(), alices.header("ETag")).status()).isEqualTo(304);
        new Revalidation("/api/v1/posts/my", alice.token()).assertChangedBy(() -> createPostId(alice));
    }

    @Test
    void pagesOfOneListHaveTheirOwnTags() {
        TestUser alice = newUser();
        createPostId(alice);
        createPostId(alice);

        String first = api.get("/api/v1/posts/my?size=1", alice.token()).header("ETag");
        String second = api.get("/api/v1/posts/my?size=1&page=1", alice.token()).header("ETag");
        String bigger = api.get("/api/v1/posts/my?size=5", alice.token()).header("ETag");

        assertThat(first).isNotEqualTo(second).isNotEqualTo(bigger);
        assertThat(getIfNoneMatch("/api/v1/posts/my?size=1&page=1", alice.token(), first).status()).isEqualTo(200);
    }

    @Test
    void aCommentPagesTagChangesWithANewComment() {
        TestUser author = newUser();
        TestUser fan = newUser();
        long postId = createPostId(author);
        String comments = "/api/v1/posts/" + postId + "/comments";
        Revalidation page = new Revalidation(comments, fan.token());

        page.assertChangedBy(() -> api.post(comments, fan.token(), Client.json(Map.of("comment", "first"))));
        page.assertChangedBy(() -> api.post(comments, author.token(), Client.json(Map.of("comment", "reply"))));
        page.assertUnchangedBy(() -> api.get("/api/v1/posts/" + postId, fan.token()));
        assertThat(getIfNoneMatch(comments + "?page=1", fan.token(), page.tag).status()).isEqualTo(200);

        api.delete("/api/v1/posts/" + postId, author.token());
        assertThat(getIfNoneMatch(comments, fan.token(), page.tag).status()).isEqualTo(404);
    }

    @Test
    void anAnswerWithAnAuthorUserServiceCouldNotNameCarriesNoTag() {
        TestUser author = newUser(); // never looked up yet: not in the author cache
        long postId = createPostId(author);
        userService.mode(UserServiceStub.Mode.ERROR);

        Gateway.Reply degraded = api.get("/api/v1/posts/" + postId, author.token());

        assertThat(degraded.status()).isEqualTo(200);
        assertThat(degraded.result().path("user").path("userName").isNull()).isTrue();
        assertThat(degraded.header("ETag")).isNull();
        assertThat(degraded.header("Cache-Control")).isEqualTo(REVALIDATE);
    }

    @Test
    void writesAnswerAsBeforeWithoutTags() {
        TestUser author = newUser();
        Gateway.Reply created = createPost(author, "t", "b");
        long postId = created.result().path("id").asLong();
        Gateway.Reply updated = api.call("PUT", "/api/v1/posts/" + postId, author.token(),
                Client.json(Map.of("title", "t2", "body", "b2")), "Content-Type", "application/json", "If-None-Match", "*");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.header("ETag")).isNull();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.result().path("title").asString()).isEqualTo("t2");
        assertThat(updated.header("ETag")).isNull();
        assertThat(api.get("/api/v1/posts/" + postId, author.token()).result().path("title").asString()).isEqualTo("t2");
    }

    /** A conditional GET: {@code If-None-Match} with these values, one header each. */
    private Gateway.Reply getIfNoneMatch(String path, String token, String... ifNoneMatch) {
        return api.get(path, token, Stream.of(ifNoneMatch).flatMap(tag -> Stream.of("If-None-Match", tag)).toArray(String[]::new));
    }

    /** A client that keeps the last tag of one resource and revalidates it. */
    private final class Revalidation {

        private final String path;
        private final String token;
        private String tag;

        Revalidation(String path, String token) {
            this.path = path;
            this.token = token;
            this.tag = api.get(path, token).header("ETag");
            assertThat(tag).as("tag of " + path).isNotNull();
            assertThat(getIfNoneMatch(path, token, tag).status()).as("unchanged " + path).isEqualTo(304);
        }

        void assertChangedBy(Supplier<?> change) {
            Object result = change.get();
            Gateway.Reply response = getIfNoneMatch(path, token, tag);
            assertThat(response.status()).as("after %s, %s", result, path).isEqualTo(200);
            assertThat(response.header("ETag")).isNotEqualTo(tag);
            tag = response.header("ETag");
            assertThat(getIfNoneMatch(path, token, tag).status()).as("new tag is current").isEqualTo(304);
        }

        void assertUnchangedBy(Supplier<?> change) {
            change.get();
            assertThat(getIfNoneMatch(path, token, tag).status()).as(path).isEqualTo(304);
        }
    }
}

package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.List;

/**
 * Likes, every one a new (user, post) pair on someone else's post, so each raises an alarm. By default at a fixed
 * rate ({@code bench.rate} per second, open model): run it with alarm-service up and stopped, the like must not care.
 * With {@code -Dbench.model=closed}, {@code bench.concurrency} users like without pause (saturation); there
 * {@code bench.rate} only sizes the fixture (the most likes per second the run could reach).
 */
public class LikeSimulation extends BenchSimulation {

    {
        List<Fixture.User> owners = users.subList(0, 5);
        List<Fixture.User> likers = users.subList(5, users.size());
        List<Long> posts = Fixture.createPosts(GATEWAY, owners, postsForLikes(RATE, likers.size()), "like me");
        ScenarioBuilder likes = scenario("likes")
                .feed(uniqueLikes(likers, posts))
                .exec(http("like").post("/api/v1/posts/#{likePostId}/likes")
                        .header("Authorization", "Bearer #{likerToken}")
                        .check(status().is(200)));
        var population = "closed".equals(System.getProperty("bench.model"))
                ? likes.injectClosed(closedModel()) : likes.injectOpen(openModel());
        setUp(population).protocols(protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}

package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Like counts ({@code GET /api/v1/posts/{id}/likes}) of 20 posts, closed model: the cheapest read of the API, so
 * the cost of the request path itself (gateway, security, web layer) shows most. Point {@code -Dbench.target} at a
 * post-service instance to measure without the gateway hop.
 */
public class LikeCountSimulation extends BenchSimulation {

    {
        List<Long> posts = Fixture.createPosts(GATEWAY, users, 20, "count my likes");
        ScenarioBuilder counts = scenario("like counts")
                .feed(Stream.generate(() -> {
                    Fixture.User user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                    return Map.<String, Object>of("token", user.token(),
                            "postId", posts.get(ThreadLocalRandom.current().nextInt(posts.size())));
                }).iterator())
                .exec(http("like count").get("/api/v1/posts/#{postId}/likes")
                        .header("Authorization", "Bearer #{token}")
                        .check(status().is(200), substring("\"resultCode\":\"SUCCESS\"")));
        setUp(counts.injectClosed(closedModel())).protocols(protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}

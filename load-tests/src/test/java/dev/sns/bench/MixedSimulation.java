package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The mixed SNS workload, mostly reads: 80 % feed pages, 6 % a post with its comments, 6 % like counts (92 % reads),
 * 4 % likes, 2 % comments, 2 % new posts. Closed model without think time: {@code bench.concurrency} users keep the
 * suite busy, so the throughput is the saturation throughput at that concurrency.
 */
public class MixedSimulation extends BenchSimulation {

    {
        List<Long> posts = Fixture.createPosts(GATEWAY, users, 100, "mixed");
        Iterator<Map<String, Object>> likes = uniqueLikes(users, posts);
        Iterator<Map<String, Object>> requests = Stream.generate(() -> {
            Map<String, Object> like = likes.next();
            Fixture.User user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
            return Map.<String, Object>of("token", user.token(),
                    "page", ThreadLocalRandom.current().nextInt(FEED_PAGES),
                    "postId", posts.get(ThreadLocalRandom.current().nextInt(posts.size())),
                    "likerToken", like.get("likerToken"), "likePostId", like.get("likePostId"));
        }).iterator();

        ScenarioBuilder mixed = scenario("mixed workload")
                .feed(requests)
                .randomSwitch().on(
                        percent(80.0).then(exec(http("feed page").get("/api/v1/posts?page=#{page}&size=20")
                                .header("Authorization", "Bearer #{token}")
                                .check(status().is(200)))),
                        percent(6.0).then(exec(http("post").get("/api/v1/posts/#{postId}")
                                        .header("Authorization", "Bearer #{token}")
                                        .check(status().is(200)))
                                .exec(http("comments").get("/api/v1/posts/#{postId}/comments")
                                        .header("Authorization", "Bearer #{token}")
                                        .check(status().is(200)))),
                        percent(6.0).then(exec(http("like count").get("/api/v1/posts/#{postId}/likes")
                                .header("Authorization", "Bearer #{token}")
                                .check(status().is(200)))),
                        percent(4.0).then(exec(http("like").post("/api/v1/posts/#{likePostId}/likes")
                                .header("Authorization", "Bearer #{likerToken}")
                                .check(status().is(200)))),
                        percent(2.0).then(exec(http("comment").post("/api/v1/posts/#{postId}/comments")
                                .header("Authorization", "Bearer #{token}")
                                .body(StringBody("{\"comment\":\"load test comment\"}"))
                                .check(status().is(200)))),
                        percent(2.0).then(exec(http("create post").post("/api/v1/posts")
                                .header("Authorization", "Bearer #{token}")
                                .body(StringBody("{\"title\":\"mixed\",\"body\":\"a post of the mixed workload\"}"))
                                .check(status().is(200)))));
        setUp(mixed.injectClosed(closedModel())).protocols(protocol())
                .assertions(global().failedRequests().percent().lt(1.0));
    }
}

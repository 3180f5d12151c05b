package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Post creation, likes and comments: each virtual user creates a post, another user likes it and comments on it
 * (so every like and comment raises an alarm for the author). Closed model.
 */
public class PostWriteSimulation extends BenchSimulation {

    private final ScenarioBuilder writes = scenario("post, like, comment")
            .feed(Stream.generate(() -> {
                int author = ThreadLocalRandom.current().nextInt(users.size());
                int actor = (author + 1 + ThreadLocalRandom.current().nextInt(users.size() - 1)) % users.size();
                return Map.<String, Object>of("authorToken", users.get(author).token(),
                        "actorToken", users.get(actor).token());
            }).iterator())
            .exec(http("create post").post("/api/v1/posts")
                    .header("Authorization", "Bearer #{authorToken}")
                    .body(StringBody("{\"title\":\"bench\",\"body\":\"a post written by the load test\"}"))
                    .check(status().is(200), jsonPath("$.result.id").saveAs("postId")))
            .exec(http("like").post("/api/v1/posts/#{postId}/likes")
                    .header("Authorization", "Bearer #{actorToken}")
                    .check(status().is(200)))
            .exec(http("comment").post("/api/v1/posts/#{postId}/comments")
                    .header("Authorization", "Bearer #{actorToken}")
                    .body(StringBody("{\"comment\":\"nice post\"}"))
                    .check(status().is(200)));

    {
        setUp(writes.injectClosed(closedModel())).protocols(protocol())
                .assertions(global().failedRequests().percent().lt(1.0));
    }
}

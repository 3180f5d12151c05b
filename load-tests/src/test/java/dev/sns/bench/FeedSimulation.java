package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Feed reads: each virtual user reads one feed page (one of the newest 5, 20 posts each) with a token, closed model.
 * Point {@code -Dbench.target} at a post-service instance to measure without the gateway hop.
 */
public class FeedSimulation extends BenchSimulation {

    private final ScenarioBuilder feedReads = scenario("feed reads")
            .feed(randomUsers())
            .exec(http("feed page").get("/api/v1/posts?page=#{page}&size=20")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200), substring("\"resultCode\":\"SUCCESS\"")));

    {
        // at least 5 full pages to read; -Dbench.feedPosts=0 when the feed is already full (./sns bench)
        Fixture.createPosts(GATEWAY, users, Integer.getInteger("bench.feedPosts", FEED_PAGES * 20), "feed");
        setUp(feedReads.injectClosed(closedModel())).protocols(protocol())
                .assertions(global().failedRequests().percent().lt(1.0));
    }
}

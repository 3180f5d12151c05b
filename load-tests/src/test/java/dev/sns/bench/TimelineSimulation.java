package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Home timeline reads: each virtual user reads the first page of its own timeline (20 posts, newest first) with its
 * token, closed model; the same page size as {@link FeedSimulation}, so that ./sns bench can put the CPU per request
 * of both side by side. Before the run every user follows the next {@code bench.follows} (10) users (idempotent), so
 * each timeline holds others' posts and its own.
 */
public class TimelineSimulation extends BenchSimulation {

    private final ScenarioBuilder timelineReads = scenario("timeline reads")
            .feed(randomUsers())
            .exec(http("timeline page").get("/api/v1/timeline?size=20")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200), substring("\"resultCode\":\"SUCCESS\"")));

    {
        Fixture.followRing(GATEWAY, users, Integer.getInteger("bench.follows", 10));
        setUp(timelineReads.injectClosed(closedModel())).protocols(protocol())
                .assertions(global().failedRequests().percent().lt(1.0));
    }
}

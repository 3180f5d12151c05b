package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Popular posts reads: each virtual user reads the first page (20 posts) of the ranking of a random window (1h, 24h,
 * 7d; {@code -Dbench.window} for one) with a token, closed model, the same page size as {@link FeedSimulation}, so
 * that the CPU per request of the two compare. Point {@code -Dbench.target} at a post-service instance to measure
 * without the gateway hop. The ranking holds what earlier likes made (./sns bench runs it after the like scenarios).
 */
public class PopularSimulation extends BenchSimulation {

    private static final List<String> WINDOWS = System.getProperty("bench.window") == null
            ? List.of("1h", "24h", "7d") : List.of(System.getProperty("bench.window"));

    private final ScenarioBuilder popularReads = scenario("popular reads")
            .feed(Stream.generate(() -> {
                Fixture.User user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                return Map.<String, Object>of("token", user.token(),
                        "window", WINDOWS.get(ThreadLocalRandom.current().nextInt(WINDOWS.size())));
            }).iterator())
            .exec(http("popular page").get("/api/v1/posts/popular?window=#{window}&size=20")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200), substring("\"resultCode\":\"SUCCESS\"")));

    {
        setUp(popularReads.injectClosed(closedModel())).protocols(protocol())
                .assertions(global().failedRequests().percent().lt(1.0));
    }
}

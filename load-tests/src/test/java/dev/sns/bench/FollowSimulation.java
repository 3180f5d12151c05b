package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Follows and unfollows through the gateway, closed model: each virtual user picks a random pair of bench users and
 * a random direction (follow or unfollow), so the same pair is followed and unfollowed concurrently now and then,
 * the races the follower counts must survive. Both are idempotent (200 whether or not the follow existed). ./sns bench
 * compares every user's counts with the follow rows afterwards.
 */
public class FollowSimulation extends BenchSimulation {

    private Iterator<Map<String, Object>> randomPairs() {
        return Stream.generate(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int actor = random.nextInt(users.size());
            int target = (actor + 1 + random.nextInt(users.size() - 1)) % users.size(); // never oneself
            return Map.<String, Object>of("token", users.get(actor).token(), "target", users.get(target).name(),
                    "follow", random.nextBoolean());
        }).iterator();
    }

    private final ScenarioBuilder follows = scenario("follows and unfollows")
            .feed(randomPairs())
            .doIfOrElse("#{follow}").then(
                    exec(http("follow").post("/api/v1/profiles/#{target}/follow")
                            .header("Authorization", "Bearer #{token}").check(status().is(200))))
            .orElse(
                    exec(http("unfollow").delete("/api/v1/profiles/#{target}/follow")
                            .header("Authorization", "Bearer #{token}").check(status().is(200))));

    {
        setUp(follows.injectClosed(closedModel())).protocols(protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}

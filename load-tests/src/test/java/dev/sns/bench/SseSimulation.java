package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * SSE subscribers receiving alarms: {@code bench.subscribers} streams (default 500) spread over the users, through
 * the gateway with {@code ?token=} as a browser would; once all are open, every user's post gets a like from the next
 * user, and each stream must receive that alarm within 30 s. The report shows connect time and time to the alarm.
 */
public class SseSimulation extends BenchSimulation {

    private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 500);
    private static final Duration CONNECT_WINDOW = Duration.ofSeconds(Math.max(5, SUBSCRIBERS / 100));

    {
        List<Long> posts = Fixture.createPosts(GATEWAY, users, users.size(), "alarm me"); // post i belongs to user i
        AtomicInteger nextSubscriber = new AtomicInteger();
        ScenarioBuilder subscribers = scenario("subscribers")
                .feed(Stream.generate(() -> Map.<String, Object>of("token",
                        users.get(nextSubscriber.getAndIncrement() % users.size()).token())).iterator())
                .exec(sse("subscribe").get("/api/v1/users/alarm/subscribe?token=#{token}")
                        .header("Accept", "text/event-stream")
                        .await(10).on(sse.checkMessage("connect completed").check(substring("connect completed"))))
                .exec(sse("alarm").setCheck()
                        .await(CONNECT_WINDOW.plusSeconds(30)).on(sse.checkMessage("alarm")
                                .matching(substring("new like!")) // heartbeats (comments) do not count
                                .check(substring("NEW_LIKE_ON_POST"))))
                .exec(sse("close").close());
        AtomicInteger nextLike = new AtomicInteger();
        ScenarioBuilder likers = scenario("likers")
                .feed(Stream.generate(() -> {
                    int owner = nextLike.getAndIncrement() % users.size();
                    return Map.<String, Object>of("likePostId", posts.get(owner),
                            "likerToken", users.get((owner + 1) % users.size()).token());
                }).iterator())
                .exec(http("like").post("/api/v1/posts/#{likePostId}/likes")
                        .header("Authorization", "Bearer #{likerToken}")
                        .check(status().is(200)));
        setUp(subscribers.injectOpen(rampUsers(SUBSCRIBERS).during(CONNECT_WINDOW)),
                likers.injectOpen(nothingFor(CONNECT_WINDOW.plusSeconds(3)), rampUsers(users.size()).during(2)))
                .protocols(protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}

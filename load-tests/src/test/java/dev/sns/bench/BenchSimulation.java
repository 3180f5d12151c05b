package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the simulations share. Knobs, as system properties ({@code -Dname=value} on the Maven command line):
 * <ul>
 *   <li>{@code sns.gateway.url}: the gateway (setup always goes through it), default http://localhost:8080;</li>
 *   <li>{@code bench.target}: where the measured requests go, default the gateway (e.g. a post-service instance);</li>
 *   <li>{@code bench.concurrency}: virtual users of the closed-model scenarios (default 16);</li>
 *   <li>{@code bench.rate}: arrivals per second of the open-model scenarios (default 50);</li>
 *   <li>{@code bench.rampSeconds} (default 5) and {@code bench.seconds} (default 30): ramp-up, then steady load;</li>
 *   <li>{@code bench.userCount} (default 100), {@code bench.usersFile}: the users of {@link Fixture}.</li>
 * </ul>
 */
public abstract class BenchSimulation extends Simulation {

    protected static final String GATEWAY = Fixture.gateway();
    protected static final String TARGET = System.getProperty("bench.target", GATEWAY);
    protected static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
    protected static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "50"));
    protected static final Duration RAMP = Duration.ofSeconds(Integer.getInteger("bench.rampSeconds", 5));
    protected static final Duration STEADY = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    protected static final int FEED_PAGES = 5;

    protected final List<Fixture.User> users = Fixture.users();

    /** Connections are shared between virtual users, as a client-side pool would: no TCP set-up per request. */
    protected HttpProtocolBuilder protocol() {
        return http.baseUrl(TARGET)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .shareConnections()
                .warmUp(TARGET + "/readyz");
    }

    /** Closed model: ramp to {@code bench.concurrency} users, then hold them; each user makes one iteration. */
    protected static ClosedInjectionStep[] closedModel() {
        return new ClosedInjectionStep[] {
                rampConcurrentUsers(1).to(CONCURRENCY).during(RAMP),
                constantConcurrentUsers(CONCURRENCY).during(STEADY)};
    }

    /** Open model: ramp to {@code bench.rate} arrivals per second, then hold the rate. */
    protected static OpenInjectionStep[] openModel() {
        return new OpenInjectionStep[] {
                rampUsersPerSec(1).to(RATE).during(RAMP),
                constantUsersPerSec(RATE).during(STEADY)};
    }

    /** Random users (token, userId), a random feed page. */
    protected Iterator<Map<String, Object>> randomUsers() {
        return Stream.generate(() -> {
            Fixture.User user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
            return Map.<String, Object>of("token", user.token(), "userId", user.id(),
                    "page", ThreadLocalRandom.current().nextInt(FEED_PAGES));
        }).iterator();
    }

    /**
     * Like targets that never repeat a (user, post) pair, so no like is answered ALREADY_LIKED: pair n is post
     * {@code n % posts}, user {@code n / posts}, so consecutive likes go to different posts (likes of one hot post
     * serialize on its counter row; that is a different test). Needs {@code posts * likers} >= likes made.
     */
    protected static Iterator<Map<String, Object>> uniqueLikes(List<Fixture.User> likers, List<Long> posts) {
        AtomicLong next = new AtomicLong();
        return Stream.generate(() -> {
            long n = next.getAndIncrement();
            long postId = posts.get((int) (n % posts.size()));
            Fixture.User liker = likers.get((int) ((n / posts.size()) % likers.size()));
            return Map.<String, Object>of("likerToken", liker.token(), "likePostId", postId);
        }).iterator();
    }

    /** How many posts {@link #uniqueLikes} needs for {@code likesPerSecond} over the whole run. */
    protected static int postsForLikes(double likesPerSecond, int likers) {
        double likes = likesPerSecond * (RAMP.toSeconds() + STEADY.toSeconds()) * 1.2 + 10;
        return (int) Math.ceil(likes / likers);
    }
}

package dev.sns.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Conditional feed reads: clients that keep the pages they read revalidate them. Each request reads one of the newest
 * 5 feed pages (20 posts each, as {@link FeedSimulation}) with {@code If-None-Match} of the last tag any virtual user
 * got for that page, so an unchanged page is a 304 without body; closed model. Nothing else changes the feed meanwhile
 * in {@code ./sns bench}, so nearly every answer is a 304 and the CPU per request is that of a 304. Prints
 * {@code RESULT not_modified=.. full=.. share_304=..} at the end.
 */
public class ConditionalFeedSimulation extends BenchSimulation {

    /** A tag no answer carries: the first read of a page is a full one. */
    private static final String NO_TAG = "\"none\"";

    private final Map<Integer, String> lastTags = new ConcurrentHashMap<>();
    private final LongAdder notModified = new LongAdder();
    private final LongAdder full = new LongAdder();

    private final ScenarioBuilder revalidations = scenario("conditional feed reads")
            .feed(randomUsers())
            .exec(session -> session.set("ifNoneMatch", lastTags.getOrDefault(session.getInt("page"), NO_TAG)))
            .exec(http("conditional feed page").get("/api/v1/posts?page=#{page}&size=20")
                    .header("Authorization", "Bearer #{token}")
                    .header("If-None-Match", "#{ifNoneMatch}")
                    .check(status().in(200, 304).saveAs("status"), header("ETag").optional().saveAs("etag")))
            .exec(session -> {
                if (session.contains("status")) {
                    (session.getInt("status") == 304 ? notModified : full).increment();
                }
                if (session.contains("etag")) {
                    lastTags.put(session.getInt("page"), session.getString("etag"));
                }
                return session;
            });

    {
        // the tags are the simulation's own: Gatling's per-user HTTP cache would add nothing in a closed model anyway
        setUp(revalidations.injectClosed(closedModel())).protocols(protocol().disableCaching())
                .assertions(global().failedRequests().percent().lt(1.0));
    }

    @Override
    public void after() {
        long answered = notModified.sum() + full.sum();
        System.out.printf("RESULT not_modified=%d full=%d share_304=%.4f%n", notModified.sum(), full.sum(),
                answered == 0 ? 0.0 : (double) notModified.sum() / answered);
    }
}

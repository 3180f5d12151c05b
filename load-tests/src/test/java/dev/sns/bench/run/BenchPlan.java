package dev.sns.bench.run;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./sns bench} runs, in order, as data: each step's key (its name in the report), what it is (a Gatling
 * simulation or a probe of load-tests, a measurement of the runner, an operation on the suite) and its parameters.
 * {@code ${name}} in a parameter is a value of the running suite, filled in when the step starts ({@link BenchMain}):
 * {@code direct} (post-service-1's URL), {@code bare} (the bare gateway's URL), {@code alarmPid}, {@code alarmUrl},
 * {@code gatewayPid}, {@code redisPort}, {@code sseStreams}, {@code sseRate}, and the fan-out's {@code fanout.*}.
 *
 * @param key the step's name; figures and raw output are filed under it
 * @param kind what runs
 * @param target the simulation or probe class (of {@code dev.sns.bench}), or the operation's argument
 * @param params the {@code -D} parameters of a simulation or probe, the arguments of {@code ./sns}
 */
record BenchPlan(String key, Kind kind, String target, List<String> params) {

    enum Kind {
        /** a Gatling simulation, in a JVM of its own; CPU per request of every process of the suite around it */
        GATLING,
        /** a probe's main, in a JVM of its own; its figures are its last {@code RESULT} line */
        PROBE,
        /** {@code ./sns <params>} on the suite (scale, stop) */
        SNS,
        /** a pause of {@code target} seconds (a cache forgets, a backlog drains) */
        SLEEP,
        /** a measurement of the runner ({@code target}: queries, follow_counts, fanout_followers, alarms_before, alarms_stored) */
        MEASURE,
        /** the bare gateway of figure 1's calibration: {@code target} start (in front of post-service-1) or stop */
        BARE_GATEWAY
    }

    /** The full-length steps, in the order they run (each figure's comment: where the report shows it). */
    static List<BenchPlan> steps() {
        String closed1000 = "-Dbench.model=closed -Dbench.rate=1000";
        String sat32 = "-Dbench.concurrency=32 -Dbench.rampSeconds=3";
        return List.of(
                probe("setup", "Fixture", "-Dbench.userCount=100"),
                // 8: how soon a like shows in the popular posts, while the ranking is still short
                probe("popular_latency", "PopularLatencyProbe", "-Dbench.samples=30"),
                // JIT warm-up (C2 compiles the hot paths of every service in the first thousands of requests)
                gatling("warmup", "MixedSimulation", "-Dbench.concurrency=24 -Dbench.rampSeconds=2 -Dbench.seconds=30"),
                // 6: the mixed workload at saturation, 2 post-service instances, then 1
                gatling("mixed2", "MixedSimulation", "-Dbench.concurrency=24 -Dbench.rampSeconds=3 -Dbench.seconds=15"),
                step("scale", Kind.SNS, "", "scale post-service 1"),
                step("lb_cache", Kind.SLEEP, "8", ""), // the gateway's load-balancer cache (5 s) forgets the instance
                gatling("mixed1", "MixedSimulation", "-Dbench.concurrency=24 -Dbench.rampSeconds=3 -Dbench.seconds=15"),
                // 1: gateway overhead at saturation, after a warm-up of each request kind (not reported): C2 compiles a
                // path only after thousands of calls, and until it has, a request costs up to twice the CPU
                gatling("warmup_feed", "FeedSimulation", "-Dbench.feedPosts=0 " + sat32 + " -Dbench.seconds=45"),
                gatling("warmup_count", "LikeCountSimulation", sat32 + " -Dbench.seconds=15"),
                gatling("warmup_like", "LikeSimulation", closed1000 + " " + sat32 + " -Dbench.seconds=30"),
                gatling("feed_gateway", "FeedSimulation", "-Dbench.feedPosts=0 " + sat32 + " -Dbench.seconds=20"),
                gatling("feed_direct", "FeedSimulation", "-Dbench.feedPosts=0 -Dbench.target=${direct} " + sat32 + " -Dbench.seconds=20"),
                // 1: calibration, the same feed through the cheapest Spring Cloud Gateway there is
                step("bare_start", Kind.BARE_GATEWAY, "start", ""),
                gatling("warmup_bare", "FeedSimulation", "-Dbench.feedPosts=0 -Dbench.target=${bare} " + sat32 + " -Dbench.seconds=30"),
                gatling("feed_bare", "FeedSimulation", "-Dbench.feedPosts=0 -Dbench.target=${bare} " + sat32 + " -Dbench.seconds=20"),
                step("bare_stop", Kind.BARE_GATEWAY, "stop", ""),
                gatling("count_gateway", "LikeCountSimulation", sat32 + " -Dbench.seconds=20"),
                gatling("count_direct", "LikeCountSimulation", "-Dbench.target=${direct} " + sat32 + " -Dbench.seconds=20"),
                // 8: popular pages against feed pages, straight to post-service-1, the ranking filled by the likes above
                gatling("warmup_popular", "PopularSimulation", "-Dbench.target=${direct} " + sat32 + " -Dbench.seconds=15"),
                gatling("popular_direct", "PopularSimulation", "-Dbench.target=${direct} " + sat32 + " -Dbench.seconds=20"),
                // 1: conditional feed reads (If-None-Match): nearly every answer a 304; the 304 path warmed up first
                gatling("warmup_conditional", "ConditionalFeedSimulation", sat32 + " -Dbench.seconds=15"),
                gatling("feed_conditional", "ConditionalFeedSimulation", sat32 + " -Dbench.seconds=20"),
                // 9: home timeline pages against feed_gateway's feed pages; the warm-up makes every user follow 10
                // others, so the measured run makes no follow (-Dbench.follows=0) and its CPU per page counts none
                gatling("warmup_timeline", "TimelineSimulation", sat32 + " -Dbench.seconds=20"),
                gatling("timeline_gateway", "TimelineSimulation", "-Dbench.follows=0 " + sat32 + " -Dbench.seconds=20"),
                // 2: SQL statements and user-service calls per request (9: the timeline page's too)
                step("queries", Kind.MEASURE, "queries", ""),
                // 9: follows and unfollows at saturation, then every count against the follow rows
                gatling("warmup_follow", "FollowSimulation", sat32 + " -Dbench.seconds=15"),
                gatling("follow_saturation", "FollowSimulation", sat32 + " -Dbench.seconds=20"),
                step("follow_counts", Kind.MEASURE, "follow_counts", ""),
                // 9: a post of an author with 10,000 followers in every follower's timeline, 20 posts one by one
                step("fanout_followers", Kind.MEASURE, "fanout_followers", ""),
                probe("fanout", "FanOutLatencyProbe", "-Dbench.author=${fanout.author} -Dbench.firstFollowerId=${fanout.first}"
                        + " -Dbench.authorId=${fanout.authorId} -Dbench.followers=${fanout.followers} -Dbench.samples=20"
                        + " -Dbench.timelineKey=sns:tl:home:%d -Dbench.followingKey=sns:tl:following:%d -Dbench.redisPort=${redisPort}"),
                // 3: like latency with alarm-service running (here) and stopped (at the end), at a sustainable rate
                gatling("like_alarm_up", "LikeSimulation", "-Dbench.rate=25 -Dbench.rampSeconds=3 -Dbench.seconds=15"),
                // 3: likes at saturation, then every alarm of them stored in its owner's alarm list
                step("alarms_before", Kind.MEASURE, "alarms_before", ""),
                gatling("like_saturation", "LikeSimulation", closed1000 + " " + sat32 + " -Dbench.seconds=20"),
                step("alarms_stored", Kind.MEASURE, "alarms_stored", "like_saturation"),
                // 4: alarm delivery latency below saturation, then at the target's 100 likes/s
                probe("alarm_latency_20", "AlarmLatencyProbe", "-Dbench.rate=20 -Dbench.seconds=15"),
                probe("alarm_latency", "AlarmLatencyProbe", "-Dbench.rate=100 -Dbench.seconds=20"),
                step("drain", Kind.SLEEP, "10", ""), // the backlog of the overload drains before the next figure
                // 5: SSE streams held by one alarm-service instance through the gateway, heap per stream, one alarm each
                probe("sse_gateway", "SseCapacityProbe", "-Dbench.connections=${sseStreams} -Dbench.connectRate=${sseRate}"
                        + " -Dbench.alarmPid=${alarmPid} -Dbench.alarmUrl=${alarmUrl} -Dbench.gatewayPid=${gatewayPid}"),
                step("stop_alarm", Kind.SNS, "", "stop alarm-service-1"),
                gatling("like_alarm_down", "LikeSimulation", "-Dbench.rate=25 -Dbench.rampSeconds=3 -Dbench.seconds=15"));
    }

    /** The keys the report lists with their commands and figures: the measuring steps, then the start-up. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (BenchPlan step : steps()) {
            if (step.measures()) {
                keys.add(step.key());
            }
        }
        keys.add("startup");
        return keys;
    }

    /** Whether the step has figures of its own (the report lists it). */
    boolean measures() {
        return kind == Kind.GATLING || kind == Kind.PROBE
                || kind == Kind.MEASURE && (key.equals("queries") || key.equals("follow_counts"));
    }

    private static BenchPlan gatling(String key, String simulation, String params) {
        return step(key, Kind.GATLING, simulation, params);
    }

    private static BenchPlan probe(String key, String probe, String params) {
        return step(key, Kind.PROBE, probe, params);
    }

    private static BenchPlan step(String key, Kind kind, String target, String params) {
        return new BenchPlan(key, kind, target, params.isEmpty() ? List.of() : List.of(params.split(" ")));
    }
}

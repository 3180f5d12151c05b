package dev.sns.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How soon a like shows in the popular posts: per sample, a new post, a like of it by another user, then the ranking
 * of {@code bench.window} (1h) read through the gateway every {@code bench.pollMillis} (50) until the post is in it;
 * the delay runs from the like's response to the read that first shows it. Samples one after the other,
 * {@code bench.samples} (30) of them, each given up after {@code bench.timeoutSeconds} (10). All pages of the ranking
 * are read, so the post is found wherever it ranks; run it on a suite whose ranking is short (./sns bench runs it
 * right after its setup step), or the reads themselves make the delay. Prints one {@code RESULT} line.
 */
public final class PopularLatencyProbe {

    private static final Pattern POST_ID = Pattern.compile("\\{\"id\"\\s*:\\s*(\\d+)\\s*,\\s*\"title\"");
    private static final Pattern LAST = Pattern.compile("\"last\"\\s*:\\s*(true|false)");

    public static void main(String[] args) throws Exception {
        String gateway = Fixture.gateway();
        String window = System.getProperty("bench.window", "1h");
        int samples = Integer.getInteger("bench.samples", 30);
        long pollMillis = Long.getLong("bench.pollMillis", 50);
        long timeoutNanos = Long.getLong("bench.timeoutSeconds", 10) * 1_000_000_000L;
        List<Fixture.User> users = Fixture.users();

        List<Double> delays = new ArrayList<>();
        TreeMap<Integer, Integer> polls = new TreeMap<>();
        int missing = 0;
        int failed = 0;
        for (int n = 0; n < samples; n++) {
            Fixture.User owner = users.get((2 * n) % users.size());
            Fixture.User fan = users.get((2 * n + 1) % users.size());
            long postId = Fixture.createPost(gateway, owner, "popular latency " + n);
            HttpResponse<String> like = Fixture.send(Fixture.post(gateway + "/api/v1/posts/" + postId + "/likes", fan, null));
            long likedAt = System.nanoTime();
            if (like.statusCode() != 200) {
                failed++;
                continue;
            }
            int reads = 0;
            boolean seen = false;
            while (!seen && System.nanoTime() - likedAt < timeoutNanos) {
                reads++;
                seen = ranked(gateway, window, fan, postId);
                if (!seen) {
                    Thread.sleep(pollMillis);
                }
            }
            if (seen) {
                delays.add((System.nanoTime() - likedAt) / 1e6);
                polls.merge(reads, 1, Integer::sum);
            } else {
                missing++;
            }
        }
        delays.sort(null);
        System.out.printf("RESULT samples=%d seen=%d missing=%d failed=%d window=%s poll_ms=%d delay_p50=%.0f "
                        + "delay_p95=%.0f delay_max=%.0f%n",
                samples, delays.size(), missing, failed, window, pollMillis, percentile(delays, 50),
                percentile(delays, 95), delays.isEmpty() ? Double.NaN : delays.getLast());
    }

    /** Whether any page of the window's ranking holds the post. */
    private static boolean ranked(String gateway, String window, Fixture.User reader, long postId) {
        for (int page = 0; ; page++) {
            String body = Fixture.ok(Fixture.send(Fixture.get(
                    gateway + "/api/v1/posts/popular?window=" + window + "&size=100&page=" + page, reader)));
            Matcher ids = POST_ID.matcher(body);
            while (ids.find()) {
                if (Long.parseLong(ids.group(1)) == postId) {
                    return true;
                }
            }
            Matcher last = LAST.matcher(body);
            if (!last.find() || last.group(1).equals("true")) {
                return false;
            }
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}

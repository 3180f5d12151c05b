package dev.sns.bench;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.SseEvent;
import dev.sns.testsupport.SseParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Alarm delivery latency: from the moment a like's HTTP response arrives to the moment the post owner's SSE stream
 * (through the gateway) delivers the alarm for it, per like, at a fixed like rate. Every like is a new (user, post)
 * pair on another user's post. Plain JDK; run with
 * {@code java -cp <./sns bench's class path> -Dsns.gateway.url=... dev.sns.bench.AlarmLatencyProbe}. The streams
 * and the likes go over the test toolkit's client ({@link Gateway#HTTP}: the JDK's default version preference,
 * HTTP/2, and 3 s to connect); each stream is read on a thread of its own with {@link SseParser#read}, an alarm timed
 * the moment its event ends.
 * Knobs: {@code bench.rate} (likes/s, default 100), {@code bench.seconds} (default 30), {@code bench.owners}
 * (subscribed post owners, default 10). Prints one {@code RESULT} line.
 */
public final class AlarmLatencyProbe {

    /** One like: when it was sent, when its response came, when its alarm came (nanoTime, 0 = not yet). */
    private static final class Like {
        final long sentAt = System.nanoTime();
        volatile long respondedAt;
        volatile long alarmedAt;
        volatile int status;
    }

    public static void main(String[] args) throws Exception {
        String gateway = Fixture.gateway();
        double rate = Double.parseDouble(System.getProperty("bench.rate", "100"));
        int seconds = Integer.getInteger("bench.seconds", 30);
        int ownerCount = Integer.getInteger("bench.owners", 10);
        List<Fixture.User> users = Fixture.users();
        List<Fixture.User> owners = users.subList(0, ownerCount);
        List<Fixture.User> likers = users.subList(ownerCount, users.size());
        int total = (int) Math.round(rate * seconds);
        List<Long> posts = Fixture.createPosts(gateway, owners, Math.max(owners.size() * 5, total / likers.size() + 1),
                "alarm latency");

        Map<String, Like> likes = new ConcurrentHashMap<>(); // "likerId:postId"
        AtomicInteger unmatched = new AtomicInteger();
        CountDownLatch connected = new CountDownLatch(owners.size());
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        for (Fixture.User owner : owners) {
            HttpRequest subscribe = Gateway.request(
                    URI.create(gateway + "/api/v1/users/alarm/subscribe?token=" + owner.token()), Duration.ofSeconds(30),
                    "GET", HttpRequest.BodyPublishers.noBody(), null, null, "Accept", "text/event-stream").build();
            HttpResponse<Stream<String>> response = Gateway.HTTP.send(subscribe, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("subscribe answered " + response.statusCode());
            }
            open.add(response);
            Thread.ofPlatform().daemon().start(() -> SseParser.read(response.body(), event -> {
                long now = System.nanoTime();
                if ("connect completed".equals(event.data())) {
                    connected.countDown();
                    return;
                }
                JsonNode alarm = alarmArgs(event);
                if (alarm != null) {
                    Like like = likes.get(alarm.get("fromUserId").asLong() + ":" + alarm.get("targetId").asLong());
                    if (like == null) {
                        unmatched.incrementAndGet();
                    } else if (like.alarmedAt == 0) {
                        like.alarmedAt = now;
                    }
                }
            }));
        }
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every stream said connect completed");
        }

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch done = new CountDownLatch(total);
        long periodNanos = (long) (1e9 / rate);
        long started = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                return;
            }
            long postId = posts.get(n % posts.size()); // consecutive likes on different posts
            Fixture.User liker = likers.get(n / posts.size());
            Like like = new Like();
            likes.put(liker.id() + ":" + postId, like);
            Gateway.HTTP.sendAsync(Fixture.post(gateway + "/api/v1/posts/" + postId + "/likes", liker, null),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        like.respondedAt = System.nanoTime();
                        like.status = failure == null ? response.statusCode() : -1;
                        if (failure != null && firstFailure.compareAndSet(null, failure)) {
                            System.err.println("[alarm] first failed like: " + failure);
                        }
                        done.countDown();
                    });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        done.await(seconds + 60L, TimeUnit.SECONDS);
        ticker.shutdownNow();
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (likes.values().stream().anyMatch(l -> l.status == 200 && l.alarmedAt == 0) && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        open.forEach(response -> response.body().close());

        List<Double> delays = new ArrayList<>();
        List<Double> likeLatency = new ArrayList<>();
        int ok = 0;
        int failed = 0;
        int missing = 0;
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (Like like : likes.values()) {
            statuses.merge(like.status, 1, Integer::sum);
            if (like.status != 200) {
                failed++;
                continue;
            }
            ok++;
            likeLatency.add((like.respondedAt - like.sentAt) / 1e6);
            if (like.alarmedAt == 0) {
                missing++;
            } else {
                delays.add((like.alarmedAt - like.respondedAt) / 1e6);
            }
        }
        delays.sort(null);
        likeLatency.sort(null);
        System.out.printf("RESULT likes=%d ok=%d failed=%d alarms=%d missing=%d unmatched=%d rate=%.1f "
                        + "delay_p50=%.1f delay_p95=%.1f delay_p99=%.1f delay_max=%.1f like_p50=%.1f like_p99=%.1f "
                        + "statuses=%s%n",
                likes.size(), ok, failed, delays.size(), missing, unmatched.get(), likes.size() / sendSeconds,
                percentile(delays, 50), percentile(delays, 95), percentile(delays, 99), percentile(delays, 100),
                percentile(likeLatency, 50), percentile(likeLatency, 99),
                statuses.toString().replace(" ", "").replace("{", "").replace("}", "").replace("=", ":"));
        System.exit(0);
    }

    /** The {@code alarmArgs} of an alarm event's data ({@code fromUserId}, {@code targetId}), else null. */
    private static JsonNode alarmArgs(SseEvent event) {
        if (event.data() == null || !event.data().startsWith("{")) {
            return null; // a heartbeat or "connect completed"
        }
        JsonNode args = Gateway.JSON.readTree(event.data()).get("alarmArgs");
        return args != null && args.has("fromUserId") && args.has("targetId") ? args : null;
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}

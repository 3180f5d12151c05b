package dev.sns.timeline.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the internal endpoints timeline-service calls, as user-service and post-service answer them (the
 * contracts: docs/timeline.md): the follow graph and the posts live in memory here, the tests change them and publish
 * the matching events. Every call is recorded; post-service can be taken down. One per test JVM, both services on one
 * port (each found through the simple discovery client).
 */
public final class OtherServices {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong NEXT_POST = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);
    private static OtherServices shared;

    public record Post(long id, long authorId) {
    }

    /** One call as received: path and query, and its Authorization header. */
    public record Call(String path, String authorization) {
    }

    private final HttpServer server;
    private final Map<Long, NavigableSet<Long>> followers = new ConcurrentHashMap<>();
    private final Map<Long, NavigableSet<Long>> following = new ConcurrentHashMap<>();
    private final Map<Long, Long> reportedFollowerCounts = new ConcurrentHashMap<>();
    private final Map<Long, Post> posts = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean postServiceDown;

    private OtherServices() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static synchronized OtherServices shared() {
        if (shared == null) {
            shared = new OtherServices();
        }
        return shared;
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void follow(long follower, long followee) {
        followers.computeIfAbsent(followee, id -> new ConcurrentSkipListSet<>()).add(follower);
        following.computeIfAbsent(follower, id -> new ConcurrentSkipListSet<>()).add(followee);
    }

    public void unfollow(long follower, long followee) {
        followers.getOrDefault(followee, new ConcurrentSkipListSet<>()).remove(follower);
        following.getOrDefault(follower, new ConcurrentSkipListSet<>()).remove(followee);
    }

    /** user-service reports this follower count for the user, whatever rows there are (a celebrity without 10,000 users). */
    public void reportFollowerCount(long userId, long count) {
        reportedFollowerCounts.put(userId, count);
    }

    public Post newPost(long authorId) {
        Post post = new Post(NEXT_POST.incrementAndGet(), authorId);
        posts.put(post.id(), post);
        return post;
    }

    public void delete(long postId) {
        posts.remove(postId);
    }

    public void postServiceDown(boolean down) {
        postServiceDown = down;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public long postServiceCalls() {
        return calls.stream().filter(call -> call.path().startsWith("/internal/posts")).count();
    }

    private long followerCount(long userId) {
        return reportedFollowerCounts.getOrDefault(userId, (long) followers.getOrDefault(userId, new ConcurrentSkipListSet<>()).size());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        calls.add(new Call(path + "?" + exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization")));
        Object result;
        String[] parts = path.split("/");
        if (path.startsWith("/internal/follows/")) {
            long userId = Long.parseLong(parts[3]);
            long after = Long.parseLong(query.getOrDefault("after", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
            if (parts[4].equals("followers")) {
                List<Long> ids = followers.getOrDefault(userId, new ConcurrentSkipListSet<>()).tailSet(after, false)
                        .stream().limit(limit).toList();
                result = Map.of("followerCount", followerCount(userId), "ids", ids);
            } else {
                result = following.getOrDefault(userId, new ConcurrentSkipListSet<>()).tailSet(after, false).stream()
                        .limit(limit).map(id -> Map.of("id", id, "followerCount", followerCount(id))).toList();
            }
        } else if (postServiceDown) {
            respond(exchange, 503, "{\"resultCode\":\"SERVICE_UNAVAILABLE\",\"result\":null}");
            return;
        } else if (path.equals("/internal/posts/recent")) {
            Set<Long> authors = ids(query.get("authors"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "800"));
            result = posts.values().stream().filter(p -> authors.contains(p.authorId()))
                    .sorted((a, b) -> Long.compare(b.id(), a.id())).limit(limit)
                    .map(p -> Map.of("id", p.id(), "userId", p.authorId())).toList();
        } else {
            result = ids(query.get("ids")).stream().map(posts::get).filter(p -> p != null).map(OtherServices::rendered).toList();
        }
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("resultCode", "SUCCESS");
        envelope.put("result", result);
        respond(exchange, 200, JSON.writeValueAsString(envelope));
    }

    /** A post as post-service renders it (the feed's Post). */
    public static Map<String, Object> rendered(Post post) {
        Map<String, Object> user = Map.of("id", post.authorId(), "userName", "user" + post.authorId(),
                "name", "user" + post.authorId(), "role", "USER");
        Map<String, Object> rendered = new HashMap<>();
        rendered.put("id", post.id());
        rendered.put("title", "title " + post.id());
        rendered.put("body", "body " + post.id());
        rendered.put("user", user);
        rendered.put("likeCount", 0);
        rendered.put("commentCount", 0);
        rendered.put("registeredAt", Instant.parse("2026-12-01T00:00:00Z").plusSeconds(post.id() % 100000).toString());
        rendered.put("updatedAt", null);
        rendered.put("deletedAt", null);
        return rendered;
    }

    private static Set<Long> ids(String csv) {
        return csv == null || csv.isEmpty() ? Set.of()
                : Arrays.stream(csv.split(",")).map(Long::parseLong).collect(Collectors.toSet());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

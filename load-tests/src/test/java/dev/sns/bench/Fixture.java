package dev.sns.bench;

import dev.sns.testsupport.Gateway;
import dev.sns.testsupport.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The setup step every scenario shares, in plain JDK code and the test toolkit (test-support's {@link Users} joins
 * and logs in, its {@link Gateway} builds the requests, sends them on its client and reads the JSON): bench users
 * (join + login through the gateway), posts to like and follows. Users are saved to a CSV file ({@code id,name,token})
 * and reused while their tokens are valid (1 h), so each scenario does not pay BCrypt again. Join and login are
 * rate-limited per client address at the gateway: start the suite with {@code SNS_AUTH_RATE_PER_SECOND} /
 * {@code SNS_AUTH_RATE_BURST} raised (./sns bench does).
 */
public final class Fixture {

    public record User(long id, String name, String token) {
        public String bearer() {
            return "Bearer " + token;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Fixture() {
    }

    /** The setup step on its own: creates (or revalidates) the users file. */
    public static void main(String[] args) {
        long started = System.nanoTime();
        List<User> users = users();
        System.out.printf("RESULT users=%d seconds=%.1f%n", users.size(), (System.nanoTime() - started) / 1e9);
    }

    /** The gateway every scenario goes through: {@code -Dsns.gateway.url}, default http://localhost:8080. */
    public static String gateway() {
        return System.getProperty("sns.gateway.url", "http://localhost:8080");
    }

    /** Users from {@code -Dbench.usersFile} (default target/bench-users.csv) when still valid, else new ones. */
    public static synchronized List<User> users() {
        Path file = Path.of(System.getProperty("bench.usersFile", "target/bench-users.csv"));
        int wanted = Integer.getInteger("bench.userCount", 100);
        return users(gateway(), file, wanted);
    }

    public static List<User> users(String gateway, Path file, int wanted) {
        try {
            if (Files.exists(file)) {
                List<User> saved = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> l.split(","))
                        .map(f -> new User(Long.parseLong(f[0]), f[1], f[2])).toList();
                if (saved.size() >= wanted && valid(gateway, saved.getFirst())) {
                    return saved.subList(0, wanted);
                }
            }
            List<User> created = create(gateway, wanted);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, created.stream().map(u -> u.id() + "," + u.name() + "," + u.token()).toList());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean valid(String gateway, User user) {
        try {
            return send(get(gateway + "/api/v1/users/me", user)).statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Joins and logs in {@code count} new users, 8 at a time (BCrypt is the cost here). */
    public static List<User> create(String gateway, int count) {
        String run = Long.toString(System.currentTimeMillis(), 36);
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<User>> users = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "b" + run + "_" + i;
                users.add(pool.submit(() -> join(gateway, name)));
            }
            List<User> result = new ArrayList<>();
            for (Future<User> user : users) {
                result.add(user.get());
            }
            System.out.printf("[fixture] %d users joined and logged in through %s in %.1f s%n", count, gateway,
                    (System.nanoTime() - started) / 1e9);
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("user setup failed", e);
        }
    }

    private static User join(String gateway, String name) {
        Users.User user = Users.join(gateway, name);
        return new User(user.id(), user.name(), user.token());
    }

    /** One post by {@code owner}; returns its id. */
    public static long createPost(String gateway, User owner, String title) {
        String body = "{\"title\":\"" + title + "\",\"body\":\"load test post by " + owner.name() + "\"}";
        return Gateway.JSON.readTree(ok(send(post(gateway + "/api/v1/posts", owner, body)))).get("result").get("id")
                .asLong();
    }

    /** {@code count} posts, round robin over the users as owners, 8 at a time; ids in creation order. */
    public static List<Long> createPosts(String gateway, List<User> owners, int count, String title) {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                User owner = owners.get(i % owners.size());
                ids.add(pool.submit(() -> createPost(gateway, owner, title)));
            }
            List<Long> result = new ArrayList<>();
            for (Future<Long> id : ids) {
                result.add(id.get());
            }
            return Collections.unmodifiableList(result);
        } catch (Exception e) {
            throw new IllegalStateException("post setup failed", e);
        }
    }

    /** {@code follower} follows {@code followee} (idempotent: a second follow is no error). */
    public static void follow(String gateway, User follower, User followee) {
        ok(send(post(gateway + "/api/v1/profiles/" + followee.name() + "/follow", follower, null)));
    }

    /**
     * Every user follows the next {@code each} users of the list (a ring), 8 follows at a time; idempotent, so a
     * second run changes nothing. Gives every user a home timeline of others' posts.
     */
    public static void followRing(String gateway, List<User> users, int each) {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> follows = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                for (int k = 1; k <= Math.min(each, users.size() - 1); k++) {
                    User follower = users.get(i);
                    User followee = users.get((i + k) % users.size());
                    follows.add(pool.submit(() -> follow(gateway, follower, followee)));
                }
            }
            for (Future<?> follow : follows) {
                follow.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("follow setup failed", e);
        }
    }

    static HttpRequest get(String url, User user) {
        return Gateway.request(URI.create(url), TIMEOUT, "GET", HttpRequest.BodyPublishers.noBody(), null,
                user == null ? null : user.token()).build();
    }

    static HttpRequest post(String url, User user, String json) {
        return Gateway.request(URI.create(url), TIMEOUT, "POST",
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json),
                "application/json", user == null ? null : user.token()).build();
    }

    static HttpResponse<String> send(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = Gateway.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429 && attempt < 20) { // the auth rate limit: wait and retry
                    Thread.sleep(1000);
                    continue;
                }
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(request.uri() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static String ok(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " -> "
                    + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}

package dev.sns.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The test toolkit's user factory: fresh users joined and logged in through the gateway, each with its token. */
public final class Users {

    public record User(long id, String name, String token) {
    }

    /** The password of the users the factory makes. */
    public static final String PASSWORD = "secret-password-1";

    public static String credentials(String name) {
        return credentials(name, PASSWORD);
    }

    /** The JSON body of a join or a login. */
    public static String credentials(String name, String password) {
        return Client.json(java.util.Map.of("name", name, "password", password));
    }

    /**
     * Joins and logs in a fresh user (unique name per run). Join and login share a per-address rate limit that other
     * tests (brute force) may have drained: a 429 is waited out like a polite client, for at most a minute.
     */
    public static User newUser(String prefix) {
        return join("http://localhost:" + Gateway.gatewayPort(), prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * Joins and logs in the user {@code name} through the gateway at {@code gatewayUrl} (e.g. load-tests' {@code
     * -Dsns.gateway.url}), a 429 waited out as in {@link #newUser}.
     */
    public static User join(String gatewayUrl, String name) {
        return join(gatewayUrl, name, PASSWORD);
    }

    /**
     * Joins and logs in the user {@code name} with {@code password} at {@code baseUrl}: a gateway, or user-service's own
     * port in its module tests ({@link Client#local}). Fails when either answer is not a 200.
     */
    public static User join(String baseUrl, String name, String password) {
        Client client = new Client(baseUrl);
        Gateway.Reply joined = withinRateLimit(() -> client.post("/api/v1/users/join", null, credentials(name, password)));
        if (joined.status() != 200) {
            throw new IllegalStateException("join " + name + " failed: " + joined.outcome());
        }
        return new User(joined.result().get("id").asLong(), name, login(baseUrl, name, password));
    }

    /** The token of a login of {@code name} at {@code baseUrl}; fails when the answer is not a 200. */
    public static String login(String baseUrl, String name, String password) {
        Client client = new Client(baseUrl);
        Gateway.Reply loggedIn = withinRateLimit(() -> client.post("/api/v1/users/login", null, credentials(name, password)));
        if (loggedIn.status() != 200) {
            throw new IllegalStateException("login " + name + " failed: " + loggedIn.outcome());
        }
        return loggedIn.result().get("token").asString();
    }

    public static List<User> newUsers(String prefix, int count) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(newUser(prefix));
        }
        return users;
    }

    private static Gateway.Reply withinRateLimit(java.util.function.Supplier<Gateway.Reply> call) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Gateway.Reply reply = call.get();
        while (reply.status() == 429 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Duration.ofMillis(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            reply = call.get();
        }
        return reply;
    }

    private Users() {
    }
}

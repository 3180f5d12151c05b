package dev.sns.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The test toolkit's user factory: fresh users joined and logged in through the gateway, each with its token. */
public final class Users {

    public record User(long id, String name, String token) {
    }

    public static String credentials(String name) {
        return "{\"name\":\"" + name + "\",\"password\":\"secret-password-1\"}";
    }

    /**
     * Joins and logs in a fresh user (unique name per run). Join and login share a per-address rate limit that other
     * tests (brute force) may have drained: a 429 is waited out like a polite client, for at most a minute.
     */
    public static User newUser(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        Gateway.Reply joined = withinRateLimit(() -> Gateway.post("/api/v1/users/join", null, credentials(name)));
        if (joined.status() != 200) {
            throw new IllegalStateException("join " + name + " failed: " + joined.outcome());
        }
        Gateway.Reply login = withinRateLimit(() -> Gateway.post("/api/v1/users/login", null, credentials(name)));
        if (login.status() != 200) {
            throw new IllegalStateException("login " + name + " failed: " + login.outcome());
        }
        return new User(joined.result().get("id").asLong(), name, login.result().get("token").asString());
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

package dev.sns.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The running suite as a client sees it: the gateway, plus Eureka for checks of where requests went. */
final class Suite {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    record Reply(int status, JsonNode json, String body) {

        JsonNode result() {
            return json.get("result");
        }

        String resultCode() {
            return json.get("resultCode").asString();
        }
    }

    record User(long id, String name, String token) {
    }

    static int gatewayPort() {
        return Integer.getInteger("sns.gateway.port", 8080);
    }

    static int discoveryPort() {
        return Integer.getInteger("sns.discovery.port", 8761);
    }

    static URI gateway(String path) {
        return URI.create("http://localhost:" + gatewayPort() + path);
    }

    static Reply call(String method, String path, String token, String jsonBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway(path)).timeout(Duration.ofSeconds(20))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = send(request.build());
        return new Reply(response.statusCode(), JSON.readTree(response.body()), response.body());
    }

    static Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    static Reply post(String path, String token, String jsonBody) {
        return call("POST", path, token, jsonBody);
    }

    /**
     * Joins and logs in a fresh user (unique name per run). Join and login share a per-address rate limit that other
     * tests (brute force) may have drained: a 429 is waited out as its Retry-After says, for at most half a minute.
     */
    static User newUser(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        String credentials = "{\"name\":\"" + name + "\",\"password\":\"secret-password-1\"}";
        Reply joined = withinRateLimit(() -> post("/api/v1/users/join", null, credentials));
        if (joined.status() != 200) {
            throw new IllegalStateException("join failed: " + joined.body());
        }
        Reply login = withinRateLimit(() -> post("/api/v1/users/login", null, credentials));
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login.body());
        }
        return new User(joined.result().get("id").asLong(), name, login.result().get("token").asString());
    }

    /**
     * Waits until the suite is warm end to end: an alarm travels outbox → Kafka → alarm-service and a feed page has
     * its author's name from user-service. A fresh suite's first event pays for topic creation, consumer group
     * assignment and connection set-up; the latency checks are about the running system, not that one-off cost.
     */
    static void awaitWarm() {
        User author = newUser("warmup");
        User fan = newUser("warmup");
        long postId = post("/api/v1/posts", author.token(), "{\"title\":\"warm-up\",\"body\":\"b\"}").result().get("id").asLong();
        post("/api/v1/posts/" + postId + "/likes", fan.token(), null);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                get("/api/v1/users/alarm", author.token()).result().get("totalElements").asLong() == 1
                        && author.name().equals(get("/api/v1/posts/" + postId, fan.token()).result()
                        .get("user").get("userName").asString()));
    }

    private static Reply withinRateLimit(java.util.function.Supplier<Reply> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Reply reply = call.get();
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

    /** Ports of the UP instances of a service, as registered in Eureka. */
    static List<Integer> instancePorts(String service) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + discoveryPort() + "/eureka/apps/" + service.toUpperCase()))
                .header("Accept", "application/json").build());
        List<Integer> ports = new ArrayList<>();
        for (JsonNode instance : JSON.readTree(response.body()).get("application").get("instance")) {
            if ("UP".equals(instance.get("status").asString())) {
                ports.add(instance.get("port").get("$").asInt());
            }
        }
        return ports;
    }

    static String getDirect(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build()).body();
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Suite() {
    }
}

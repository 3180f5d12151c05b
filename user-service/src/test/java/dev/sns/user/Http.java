package dev.sns.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client against the running service; every answer parsed as the JSON envelope. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    public Http(int port) {
        this.port = port;
    }

    public record Answer(int status, JsonNode body) {

        public String code() {
            return body.path("resultCode").asString();
        }

        public JsonNode result() {
            return body.path("result");
        }
    }

    public Answer postJson(String path, String json) {
        return send(request(path, Map.of("Content-Type", "application/json"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Answer post(String path, String body, Map<String, String> headers) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return send(request(path, headers).POST(publisher).build());
    }

    public Answer get(String path, String token) {
        return get(path, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    public Answer get(String path, Map<String, String> headers) {
        return send(request(path, headers).GET().build());
    }

    /** A POST without a body, with the caller's token. */
    public Answer post(String path, String token) {
        return post(path, null, Map.of("Authorization", "Bearer " + token));
    }

    public Answer delete(String path, String token) {
        return send(request(path, Map.of("Authorization", "Bearer " + token)).DELETE().build());
    }

    /** Joins and returns the new user's id. */
    public long join(String name, String password) {
        Answer answer = postJson("/api/v1/users/join", json(Map.of("name", name, "password", password)));
        if (answer.status() != 200) {
            throw new IllegalStateException("join failed: " + answer);
        }
        return answer.result().path("id").asLong();
    }

    public String login(String name, String password) {
        Answer answer = postJson("/api/v1/users/login", json(Map.of("name", name, "password", password)));
        if (answer.status() != 200) {
            throw new IllegalStateException("login failed: " + answer);
        }
        return answer.result().path("token").asString();
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

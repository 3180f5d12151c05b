package dev.sns.gateway;

import dev.sns.testsupport.Gateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to the gateway under test. */
record GatewayClient(int port) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    HttpResponse<String> send(String method, String path, String token, String... headers) {
        return sendBody(method, path, method.equals("GET") || method.equals("OPTIONS")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}"), token, headers);
    }

    /** A request with this body ({@code ofInputStream} sends it chunked, without a length). */
    HttpResponse<String> sendBody(String method, String path, HttpRequest.BodyPublisher body, String token,
                                  String... headers) {
        boolean bodyless = method.equals("GET") || method.equals("OPTIONS");
        HttpRequest.Builder request = Gateway.request(URI.create("http://127.0.0.1:" + port + path), Duration.ofSeconds(15),
                method, body, bodyless ? null : "application/json", token, headers);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String token, String... headers) {
        return send("GET", path, token, headers);
    }
}

package dev.sns.gateway;

import dev.sns.testsupport.Client;
import dev.sns.testsupport.Gateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP calls to the gateway under test, on the toolkit's request builder and client ({@link Gateway#request},
 * {@link Gateway#send}); a method that takes a body sends {@code {}} unless given another.
 */
record GatewayClient(int port) {

    HttpResponse<String> send(String method, String path, String token, String... headers) {
        return sendBody(method, path, method.equals("GET") || method.equals("OPTIONS")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}"), token, headers);
    }

    /** A request with this body ({@code ofInputStream} sends it chunked, without a length). */
    HttpResponse<String> sendBody(String method, String path, HttpRequest.BodyPublisher body, String token,
                                  String... headers) {
        boolean bodyless = method.equals("GET") || method.equals("OPTIONS");
        return Gateway.send(Gateway.request(Client.local(port).uri(path), Duration.ofSeconds(15),
                method, body, bodyless ? null : "application/json", token, headers).build());
    }

    HttpResponse<String> get(String path, String token, String... headers) {
        return send("GET", path, token, headers);
    }
}

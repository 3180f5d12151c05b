package dev.sns.testsupport;

import java.net.URI;

/**
 * The toolkit's HTTP client bound to one base URL: in a module test, the service's own random port ({@link #local}),
 * which no gateway stands in front of. Every call is {@link Gateway#call}: the same request builder, the same
 * {@link Gateway.Reply} (status, body, envelope, headers), so that a module test and an end-to-end test read an answer
 * the same way. A JSON body is sent as {@code application/json}; a {@code Content-Type} among the headers replaces it.
 */
public record Client(String baseUrl) {

    /** The service listening on {@code port} of this machine, e.g. a {@code @SpringBootTest}'s {@code @LocalServerPort}. */
    public static Client local(int port) {
        return new Client("http://127.0.0.1:" + port);
    }

    public URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    /** Any request: {@code token} and {@code jsonBody} may be null; {@code headers} as name, value, name, value... */
    public Gateway.Reply call(String method, String path, String token, String jsonBody, String... headers) {
        return Gateway.call(uri(path), method, token, jsonBody, headers);
    }

    public Gateway.Reply get(String path, String token, String... headers) {
        return call("GET", path, token, null, headers);
    }

    public Gateway.Reply post(String path, String token, String jsonBody, String... headers) {
        return call("POST", path, token, jsonBody, headers);
    }

    public Gateway.Reply put(String path, String token, String jsonBody) {
        return call("PUT", path, token, jsonBody);
    }

    public Gateway.Reply delete(String path, String token) {
        return call("DELETE", path, token, null);
    }

    /** A value (a map, a record) as a JSON body. */
    public static String json(Object value) {
        return Gateway.JSON.writeValueAsString(value);
    }
}

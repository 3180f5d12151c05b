package dev.sns.gateway.error;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The envelope of API.md, written by the gateway itself: for errors it raises (no route, bad token, rate limit,
 * downstream down or slow). The same codes as the services' {@code ErrorCode}; the gateway only needs these.
 */
public enum Envelope {
    INVALID_REQUEST(400, "The request is invalid"),
    INVALID_TOKEN(401, "The token is missing, malformed, expired or wrongly signed"),
    INVALID_PERMISSION(403, "You may not do this"),
    NOT_FOUND(404, "No such resource"),
    METHOD_NOT_ALLOWED(405, "This method is not allowed here"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Send application/json"),
    TOO_MANY_REQUESTS(429, "Too many requests, try again later"),
    SERVICE_UNAVAILABLE(503, "A required service is unavailable, try again later"),
    INTERNAL_SERVER_ERROR(500, "Something went wrong on our side");

    private final int status;
    private final String message;

    Envelope(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    /** The code a bare HTTP status stands for (gateway timeouts and bad gateways are the downstream being unavailable). */
    public static Envelope forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> INVALID_TOKEN;
            case 403 -> INVALID_PERMISSION;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            case 502, 503, 504 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_SERVER_ERROR : INVALID_REQUEST;
        };
    }

    public byte[] json() {
        return ("{\"resultCode\":\"" + name() + "\",\"result\":null,\"resultMessage\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Writes this envelope as the whole response (status, JSON body, Retry-After for 429). */
    public Mono<Void> writeTo(ServerHttpResponse response) {
        response.setStatusCode(HttpStatusCode.valueOf(status));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        if (this == TOO_MANY_REQUESTS && !headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        byte[] body = json();
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}

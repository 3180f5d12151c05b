package dev.sns.gateway.error;

import dev.sns.api.ApiResponse;
import dev.sns.api.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Writes the envelope of API.md for errors the gateway raises itself (no route, bad token, rate limit, downstream
 * down or slow), with the same codes and messages as the services ({@link ErrorCode}).
 */
public final class Envelope {

    private Envelope() {
    }

    /** Writes the error as the whole response: status, JSON body, and Retry-After for 429. */
    public static Mono<Void> write(ServerHttpResponse response, ErrorCode code) {
        response.setStatusCode(code.status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (code == ErrorCode.TOO_MANY_REQUESTS && !headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        byte[] body = json(code);
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The messages are constants without quotes or backslashes, so no JSON library is needed on this path. */
    static byte[] json(ErrorCode code) {
        ApiResponse<Object> envelope = ApiResponse.error(code, null, null);
        return ("{\"resultCode\":\"" + envelope.resultCode() + "\",\"result\":null,\"resultMessage\":\""
                + envelope.resultMessage() + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}

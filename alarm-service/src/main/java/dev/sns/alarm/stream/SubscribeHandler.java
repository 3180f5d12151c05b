package dev.sns.alarm.stream;

import dev.sns.api.ApiResponse;
import dev.sns.api.ErrorCode;
import dev.sns.web.ApiException;
import dev.sns.web.security.AuthUser;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/users/alarm/subscribe} on the stream server: the same contract as when Spring MVC served it
 * (docs/alarms.md). The token comes from {@code Authorization: Bearer} or, on this path only, {@code ?token=}, and is
 * verified by the service's own {@link JwtDecoder} (the one its Spring Security chain uses); the last alarm seen from
 * {@code Last-Event-ID} or {@code ?lastEventId=} (the header wins). Errors are the API envelope. The token check and
 * the replay's queries block, so they run on a virtual thread, never on the server's event loop.
 */
@Component
class SubscribeHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    static final String PATH = "/api/v1/users/alarm/subscribe";
    private static final Logger log = LoggerFactory.getLogger(SubscribeHandler.class);
    private static final String BEARER = "bearer ";

    private final AlarmStream stream;
    private final JwtDecoder tokens;
    private final JsonMapper json;
    private final Scheduler blocking = Schedulers.fromExecutorService(Executors.newVirtualThreadPerTaskExecutor(),
            "alarm-stream-open");

    SubscribeHandler(AlarmStream stream, JwtDecoder tokens, JsonMapper json) {
        this.stream = stream;
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (!PATH.equals(uri.path())) {
            return error(response, new ApiException(ErrorCode.NOT_FOUND));
        }
        if (!HttpMethod.GET.equals(request.method())) {
            return error(response, new ApiException(ErrorCode.METHOD_NOT_ALLOWED));
        }
        String token = token(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION), first(uri, "token"));
        String lastEventId = request.requestHeaders().get("Last-Event-ID");
        Long last = parseId(lastEventId != null ? lastEventId : first(uri, "lastEventId"));
        return Mono.fromCallable(() -> stream.open(userId(token), last))
                .subscribeOn(blocking)
                .flatMap(events -> sse(response, events))
                .onErrorResume(ApiException.class, e -> error(response, e));
    }

    private static Mono<Void> sse(HttpServerResponse response, Flux<String> events) {
        return response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream;charset=UTF-8")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .sendString(events)
                .then();
    }

    /** The verified token's user; a missing, malformed, expired or wrongly signed token is 401 INVALID_TOKEN. */
    private long userId(String token) {
        if (token == null) {
            throw new ApiException(ErrorCode.INVALID_TOKEN);
        }
        try {
            return AuthUser.from(tokens.decode(token)).id();
        } catch (JwtException | IllegalArgumentException e) { // bad token, or a subject that is no user id
            throw new ApiException(ErrorCode.INVALID_TOKEN);
        }
    }

    /**
     * As the services' bearer token resolver: a bearer Authorization header first (an empty one is no token), then
     * the query's {@code token}. Another scheme in the header (Basic) is not a bearer token.
     */
    static String token(String authorization, String query) {
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length());
            // Spring's resolver accepts exactly one space and a token of base64url characters and dots
            return token.isEmpty() || !token.matches("[A-Za-z0-9\\-._~+/]+=*") ? null : token;
        }
        return query == null || query.isBlank() ? null : query;
    }

    private static String first(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Ids are ours; anything else (a stale or foreign value) means "nothing to replay", not an error. */
    static Long parseId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Mono<Void> error(HttpServerResponse response, ApiException e) {
        ErrorCode code = e.code();
        if (code.status().is5xxServerError()) {
            log.debug("Stream refused: {}", e.getMessage());
        }
        byte[] body = json.writeValueAsBytes(ApiResponse.error(code, e.getMessage(), null));
        response.status(code.status().value())
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(body.length));
        Duration retryAfter = e.retryAfter();
        if (retryAfter != null) {
            response.header(HttpHeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
        }
        return response.sendByteArray(Mono.just(body)).then();
    }
}

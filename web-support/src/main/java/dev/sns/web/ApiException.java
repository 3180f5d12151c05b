package dev.sns.web;

import dev.sns.api.ErrorCode;
import java.time.Duration;

/** A failure the client should see as an {@link ErrorCode}; thrown anywhere, rendered by one handler. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;

    public ApiException(ErrorCode code) {
        this(code, code.message());
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    private ApiException(ErrorCode code, String message, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** 503 {@code SERVICE_UNAVAILABLE}: nothing was done, the client may try again after {@code retryAfter}. */
    public static ApiException unavailable(String message, Duration retryAfter) {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, message, retryAfter);
    }

    public ErrorCode code() {
        return code;
    }

    /** When the client may try again ({@code Retry-After}); null when the answer says nothing about it. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

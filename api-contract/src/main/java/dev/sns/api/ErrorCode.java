package dev.sns.api;

import org.springframework.http.HttpStatus;

/** Every error a client can see, with its HTTP status (the table in docs/api.md). */
public enum ErrorCode {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "The request is invalid"),
    INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "The token is missing, malformed, expired or wrongly signed"),
    INVALID_PASSWORD(HttpStatus.UNAUTHORIZED, "The password is wrong"),
    INVALID_PERMISSION(HttpStatus.FORBIDDEN, "You may not do this"),
    USER_NOT_FOUND(HttpStatus.NOT_FOUND, "No such user"),
    POST_NOT_FOUND(HttpStatus.NOT_FOUND, "No such post"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "This method is not allowed here"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
    DUPLICATED_USER_NAME(HttpStatus.CONFLICT, "This user name is taken"),
    ALREADY_LIKED(HttpStatus.CONFLICT, "You already liked this post"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many requests, try again later"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "A required service is unavailable, try again later"),
    INTERNAL_SERVER_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side");

    private final HttpStatus status;
    private final String message;

    ErrorCode(HttpStatus status, String message) {
        this.status = status;
        this.message = message;
    }

    public HttpStatus status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** The code a bare HTTP status stands for, for errors raised outside any controller. */
    public static ErrorCode forStatus(int status) {
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
}

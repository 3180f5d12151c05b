package dev.sns.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The envelope of every JSON response: {@code {"resultCode", "result", "resultMessage"}}.
 * {@code result} is always written (also as null); {@code resultMessage} only on errors.
 */
public record ApiResponse<T>(
        String resultCode,
        T result,
        @JsonInclude(JsonInclude.Include.NON_NULL) String resultMessage) {

    public static final String SUCCESS = "SUCCESS";

    public static <T> ApiResponse<T> success(T result) {
        return new ApiResponse<>(SUCCESS, result, null);
    }

    public static ApiResponse<Void> success() {
        return success(null);
    }

    public static <T> ApiResponse<T> error(ErrorCode code, String message, T details) {
        return new ApiResponse<>(code.name(), details, message == null ? code.message() : message);
    }
}

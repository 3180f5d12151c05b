package dev.sns.web.error;

import dev.sns.api.ApiResponse;
import dev.sns.api.ErrorCode;
import dev.sns.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every exception a controller can raise into the envelope; the only such mapping of a servlet service. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiResponse<Object>> api(ApiException e) {
        ResponseEntity.BodyBuilder answer = envelope(e.code());
        if (e.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        }
        return answer.body(ApiResponse.error(e.code(), e.getMessage(), null));
    }

    @ExceptionHandler(BindException.class) // includes MethodArgumentNotValidException
    ResponseEntity<ApiResponse<Object>> invalidBody(BindException e) {
        List<FieldProblem> problems = e.getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
                .toList();
        return respond(ErrorCode.INVALID_REQUEST, "Some fields are invalid", problems);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiResponse<Object>> invalidParameters(HandlerMethodValidationException e) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new FieldProblem(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return respond(ErrorCode.INVALID_REQUEST, "Some parameters are invalid", problems);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiResponse<Object>> constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> problems = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(String.valueOf(v.getPropertyPath()), v.getMessage()))
                .toList();
        return respond(ErrorCode.INVALID_REQUEST, "Some values are invalid", problems);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<Object>> unreadable(HttpMessageNotReadableException e) {
        return respond(ErrorCode.INVALID_REQUEST, "The request body is missing or is not valid JSON of the expected shape", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiResponse<Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(ErrorCode.INVALID_REQUEST, "Wrong type of value",
                List.of(new FieldProblem(e.getName(), "must be a " + simpleType(e.getRequiredType()))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiResponse<Object>> missingParameter(MissingServletRequestParameterException e) {
        return respond(ErrorCode.INVALID_REQUEST, "A parameter is missing",
                List.of(new FieldProblem(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiResponse<Object>> noRoute(NoResourceFoundException e) {
        return respond(ErrorCode.NOT_FOUND, null, null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiResponse<Object>> method(HttpRequestMethodNotSupportedException e) {
        return respond(ErrorCode.METHOD_NOT_ALLOWED, null, null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiResponse<Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiResponse<Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(ErrorCode.INVALID_REQUEST, "This resource answers application/json", null);
    }

    /**
     * A body sent as {@code *}{@code /*} or {@code application/*}: Spring refuses a wildcard Content-Type with an
     * IllegalArgumentException before any converter is asked, and an unparsable one with InvalidMediaTypeException.
     * Both are the client's unsupported media type; any other IllegalArgumentException stays unexpected.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiResponse<Object>> illegalArgument(IllegalArgumentException e, HttpServletRequest request) {
        if (e instanceof InvalidMediaTypeException || isWildcard(request.getContentType())) {
            return respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, null);
        }
        return unexpected(e);
    }

    private static boolean isWildcard(String contentType) {
        try {
            return contentType != null && !MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiResponse<Object>> tooLarge(MaxUploadSizeExceededException e) {
        return respond(ErrorCode.PAYLOAD_TOO_LARGE, null, null);
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        // the client closed the connection (typically an SSE stream): nothing to answer
    }

    /**
     * The database cannot serve the request now: no connection within the pool's timeout (overload, a database
     * restart), a lock or query timeout, a deadlock victim, a lost connection. Nothing was written (the transaction
     * never started or was rolled back), so the client may simply try again: 503 with {@code Retry-After}, not 500.
     */
    @ExceptionHandler({CannotCreateTransactionException.class, TransientDataAccessException.class,
            DataAccessResourceFailureException.class})
    ResponseEntity<ApiResponse<Object>> databaseBusy(Exception e) {
        log.warn("Database unavailable for this request, answering 503: {}", e.toString());
        return api(ApiException.unavailable("The database is busy, try again", Duration.ofSeconds(1)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Object>> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return respond(ErrorCode.INTERNAL_SERVER_ERROR, null, null);
    }

    /**
     * The error envelope, always as JSON: the content type is set here so that a client's {@code Accept} (e.g.
     * {@code application/xml}) cannot turn the error into an empty 406.
     */
    public static ResponseEntity<ApiResponse<Object>> respond(ErrorCode code, String message, Object details) {
        return envelope(code).body(ApiResponse.error(code, message, details));
    }

    private static ResponseEntity.BodyBuilder envelope(ErrorCode code) {
        return ResponseEntity.status(code.status()).contentType(MediaType.APPLICATION_JSON);
    }

    private static String simpleType(Class<?> type) {
        return type == null ? "value" : type.getSimpleName().toLowerCase();
    }
}

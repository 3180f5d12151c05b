package dev.sns.web.conditional;

import dev.sns.api.ApiResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A conditional GET (RFC 9110 §13.1.2): the request's {@code If-None-Match} and how to answer it. Declare it as a
 * controller parameter ({@link ConditionalGetArgumentResolver} fills it) and answer with {@link #answer}: when the
 * client's copy is current, a {@code 304} without body, decided from a cheap marker of the resource (a version)
 * instead of the body; otherwise the full body with its tag.
 * <p>
 * Every answer says {@value #CACHE_CONTROL}: a client may keep it, but must ask again before every use, so it never
 * shows a stale post, like count or alarm (a reader sees their own like at once). Answers whose body depends on who
 * asks ({@link #perCaller}) also say {@code Vary: Authorization}.
 */
public record ConditionalGet(List<ETag> ifNoneMatch, boolean varyByCaller) {

    public static final String CACHE_CONTROL = "private, max-age=0, must-revalidate";

    private static final CacheControl REVALIDATE = CacheControl.maxAge(Duration.ZERO).cachePrivate().mustRevalidate();

    public ConditionalGet {
        ifNoneMatch = List.copyOf(ifNoneMatch);
    }

    /** The same request, for a body that depends on the caller (their posts, their alarms). */
    public ConditionalGet perCaller() {
        return new ConditionalGet(ifNoneMatch, true);
    }

    /**
     * Whether the client's copy is the current one: RFC 9110's weak comparison (§8.8.3.2: {@code W/"x"} matches
     * {@code "x"}) against every tag the client lists; {@code *} matches any current representation.
     */
    public boolean matches(ETag current) {
        return ifNoneMatch.stream().anyMatch(tag -> tag.isWildcard() || tag.compare(current, false));
    }

    /**
     * {@code 304} when the client's copy carries the current tag, else {@code 200} with the body. The current tag is
     * asked for only when the client sent {@code If-None-Match}; empty means "no representation" (e.g. the post is
     * gone), and the full answer says why (404).
     *
     * @param currentTag the tag of the current representation, computed without building it
     * @param response   the full answer and the tag of exactly that body, which must be read no earlier than
     *                   {@code currentTag} would have been (the body may be newer than its tag, never older)
     */
    public <T> ResponseEntity<ApiResponse<T>> answer(Supplier<Optional<ETag>> currentTag, Supplier<Tagged<T>> response) {
        if (!ifNoneMatch.isEmpty()) {
            Optional<ETag> current = currentTag.get();
            if (current.isPresent() && matches(current.get())) {
                return headers(ResponseEntity.status(HttpStatus.NOT_MODIFIED), current.get()).build();
            }
        }
        Tagged<T> full = response.get();
        return headers(ResponseEntity.ok(), full.eTag()).body(ApiResponse.success(full.body()));
    }

    private ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder builder, ETag tag) {
        builder.cacheControl(REVALIDATE);
        if (tag != null) {
            builder.eTag(tag.formattedTag());
        }
        if (varyByCaller) {
            builder.varyBy(HttpHeaders.AUTHORIZATION);
        }
        return builder;
    }
}

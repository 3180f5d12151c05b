package dev.sns.web.conditional;

import org.springframework.http.ETag;

/**
 * A response body and the entity tag of exactly that body, or no tag when the body must not be kept as valid (it was
 * built from degraded data, e.g. authors without names while user-service was down).
 */
public record Tagged<T>(T body, ETag eTag) {

    public static <T> Tagged<T> untagged(T body) {
        return new Tagged<>(body, null);
    }

    /** This, or the body without its tag when it was built from degraded data ({@code complete} false). */
    public Tagged<T> onlyIf(boolean complete) {
        return complete ? this : untagged(body);
    }
}

package dev.sns.timeline.read;

import dev.sns.api.ErrorCode;
import dev.sns.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The keyset cursor of a timeline page: the id of the last post the page looked at. The next page holds older posts
 * only (smaller ids), so posts arriving meanwhile never shift it. Opaque to clients ({@code t1.<base64url>}), so its
 * content can change without breaking them.
 */
final class Cursor {

    private static final String VERSION = "t1.";

    private Cursor() {
    }

    static String encode(long before) {
        return VERSION + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(before).getBytes(StandardCharsets.US_ASCII));
    }

    /** The post id the page starts below; {@link Long#MAX_VALUE} without a cursor (the newest page). */
    static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            if (cursor.startsWith(VERSION)) {
                long before = Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor.substring(VERSION.length())),
                        StandardCharsets.US_ASCII));
                if (before > 0) {
                    return before;
                }
            }
        } catch (IllegalArgumentException e) { // bad base64 or not a number
            // answered below
        }
        throw new ApiException(ErrorCode.INVALID_REQUEST, "cursor: not a cursor this API gave out");
    }
}

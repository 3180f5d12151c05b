package dev.sns.timeline.read;

import static dev.sns.api.ErrorCode.INVALID_REQUEST;

import dev.sns.api.ApiResponse;
import dev.sns.web.docs.Raises;
import dev.sns.web.paging.PageQuery;
import dev.sns.web.security.AuthUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/timeline?size=&cursor=}: the caller's home timeline, newest first (docs/timeline.md). */
@RestController
class TimelineController {

    private final TimelineReader timelines;

    TimelineController(TimelineReader timelines) {
        this.timelines = timelines;
    }

    /**
     * @param size   as in the Page rules: 1..100 (clamped), 20 when missing or not a number
     * @param cursor the {@code nextCursor} of the previous page; none: the newest page
     */
    @GetMapping("/api/v1/timeline")
    @Raises(INVALID_REQUEST)
    ApiResponse<TimelineSlice> timeline(AuthUser caller, @RequestParam(required = false) String size,
                                        @RequestParam(required = false) String cursor) {
        return ApiResponse.success(timelines.read(caller.id(), size(size), cursor));
    }

    private static int size(String value) {
        try {
            return Math.clamp(Long.parseLong(value), 1, PageQuery.MAX_SIZE);
        } catch (NumberFormatException e) {
            return PageQuery.DEFAULT_SIZE;
        }
    }
}

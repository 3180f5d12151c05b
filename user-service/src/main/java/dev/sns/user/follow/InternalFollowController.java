package dev.sns.user.follow;

import dev.sns.api.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The follow graph for timeline-service (a service token, never routed by the gateway): keyset pages by user id, so
 * a fan-out to 10,000 followers is 10 index range reads, not OFFSET scans.
 */
@RestController
class InternalFollowController {

    static final int MAX_LIMIT = 5000;

    private final FollowService follows;

    InternalFollowController(FollowService follows) {
        this.follows = follows;
    }

    /** {@code GET /internal/follows/{userId}/followers?after=0&limit=1000}: follower ids above {@code after}. */
    @GetMapping("/internal/follows/{userId}/followers")
    ApiResponse<FollowerIds> followers(@PathVariable long userId, @RequestParam(defaultValue = "0") long after,
                                       @RequestParam(defaultValue = "1000") @Min(1) @Max(MAX_LIMIT) int limit) {
        return ApiResponse.success(follows.followerIds(userId, after, limit));
    }

    /** {@code GET /internal/follows/{userId}/following?after=0&limit=1000}: whom the user follows, with their counts. */
    @GetMapping("/internal/follows/{userId}/following")
    ApiResponse<List<Followee>> following(@PathVariable long userId, @RequestParam(defaultValue = "0") long after,
                                          @RequestParam(defaultValue = "1000") @Min(1) @Max(MAX_LIMIT) int limit) {
        return ApiResponse.success(follows.followees(userId, after, limit));
    }
}

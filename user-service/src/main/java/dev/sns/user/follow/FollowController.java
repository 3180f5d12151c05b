package dev.sns.user.follow;

import static dev.sns.api.ErrorCode.INVALID_REQUEST;
import static dev.sns.api.ErrorCode.USER_NOT_FOUND;

import dev.sns.api.ApiResponse;
import dev.sns.user.account.UserResponse;
import dev.sns.web.docs.Raises;
import dev.sns.web.paging.PageQuery;
import dev.sns.web.paging.PageResponse;
import dev.sns.web.security.AuthUser;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Profiles and the follow graph, under a prefix of their own: no user name can collide with {@code /api/v1/users/me},
 * {@code /join}, {@code /login} or the alarm routes.
 */
@RestController
@RequestMapping("/api/v1/profiles/{userName}")
class FollowController {

    private final FollowService follows;

    FollowController(FollowService follows) {
        this.follows = follows;
    }

    @GetMapping
    @Raises(USER_NOT_FOUND)
    ApiResponse<Profile> profile(AuthUser caller, @PathVariable String userName) {
        return ApiResponse.success(follows.profile(caller, userName));
    }

    /** Idempotent: following someone you follow already answers the same and changes nothing. */
    @PostMapping("/follow")
    @Raises({INVALID_REQUEST, USER_NOT_FOUND})
    ApiResponse<Void> follow(AuthUser caller, @PathVariable String userName) {
        follows.follow(caller, userName);
        return ApiResponse.success(null);
    }

    /** Idempotent: unfollowing someone you do not follow answers the same and changes nothing. */
    @DeleteMapping("/follow")
    @Raises({INVALID_REQUEST, USER_NOT_FOUND})
    ApiResponse<Void> unfollow(AuthUser caller, @PathVariable String userName) {
        follows.unfollow(caller, userName);
        return ApiResponse.success(null);
    }

    @GetMapping("/followers")
    @Raises(USER_NOT_FOUND)
    ApiResponse<PageResponse<UserResponse>> followers(AuthUser caller, @PathVariable String userName, PageQuery page) {
        return ApiResponse.success(follows.followers(caller, userName, page));
    }

    @GetMapping("/following")
    @Raises(USER_NOT_FOUND)
    ApiResponse<PageResponse<UserResponse>> following(AuthUser caller, @PathVariable String userName, PageQuery page) {
        return ApiResponse.success(follows.following(caller, userName, page));
    }
}

package dev.sns.user.lookup;

import dev.sns.api.ApiResponse;
import dev.sns.user.account.UserResponse;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Batch lookup for other services (post-service renders authors with it). Not routed by the gateway, which only
 * exposes /api/v1/users/**; still needs a valid token, which callers forward from their own caller.
 */
@RestController
class InternalUserController {

    static final int MAX_IDS = 100;

    private final UserLookupService lookup;

    InternalUserController(UserLookupService lookup) {
        this.lookup = lookup;
    }

    /** {@code GET /internal/users?ids=1,2,3} (or {@code ids=1&ids=2}). */
    @GetMapping("/internal/users")
    ApiResponse<List<UserResponse>> find(
            @RequestParam @Size(max = MAX_IDS, message = "at most " + MAX_IDS + " ids per request") List<Long> ids) {
        return ApiResponse.success(lookup.find(ids));
    }
}

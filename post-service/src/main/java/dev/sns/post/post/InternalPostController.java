package dev.sns.post.post;

import dev.sns.api.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Batch reads for timeline-service (a service token, never routed by the gateway): the bodies of a timeline page in
 * one call, and the newest post ids of a set of authors for a back-fill or a rebuild.
 */
@RestController
class InternalPostController {

    static final int MAX_IDS = 100;
    static final int MAX_AUTHORS = 1000;
    static final int MAX_RECENT = 1000;

    private final PostService posts;

    InternalPostController(PostService posts) {
        this.posts = posts;
    }

    /** {@code GET /internal/posts?ids=1,2,3}: those that exist and are not deleted, in any order. */
    @GetMapping("/internal/posts")
    ApiResponse<List<PostResponse>> find(
            @RequestParam @Size(max = MAX_IDS, message = "at most " + MAX_IDS + " ids per request") List<Long> ids) {
        return ApiResponse.success(posts.findAll(ids));
    }

    /** {@code GET /internal/posts/recent?authors=1,2&limit=800}: newest first, ids and authors only. */
    @GetMapping("/internal/posts/recent")
    ApiResponse<List<PostRef>> recent(
            @RequestParam @Size(max = MAX_AUTHORS, message = "at most " + MAX_AUTHORS + " authors per request") List<Long> authors,
            @RequestParam(defaultValue = "800") @Min(1) @Max(MAX_RECENT) int limit) {
        return ApiResponse.success(posts.recent(authors, limit));
    }
}

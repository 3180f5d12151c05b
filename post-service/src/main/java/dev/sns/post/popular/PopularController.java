package dev.sns.post.popular;

import dev.sns.api.ApiResponse;
import dev.sns.post.post.PostResponse;
import dev.sns.web.paging.PageQuery;
import dev.sns.web.paging.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/posts/popular?window=1h|24h|7d&size=&page=} (ext): the most liked posts of the window, as a Page
 * of Post. Unlike the feed's lenient paging, a window or size it cannot serve is refused (400 INVALID_REQUEST).
 */
@RestController
class PopularController {

    private final PopularPosts popular;

    PopularController(PopularPosts popular) {
        this.popular = popular;
    }

    @GetMapping("/api/v1/posts/popular")
    ApiResponse<PageResponse<PostResponse>> popular(
            @RequestParam(defaultValue = "24h") @Pattern(regexp = PopularWindow.PATTERN, message = "must be 1h, 24h or 7d")
            String window,
            @RequestParam(defaultValue = "20") @Min(value = 1, message = "must be from 1 to 100")
            @Max(value = PageQuery.MAX_SIZE, message = "must be from 1 to 100") int size,
            PageQuery page) {
        return ApiResponse.success(popular.page(PopularWindow.of(window), page.page(), size));
    }
}

package dev.sns.post.like;

import static dev.sns.api.ErrorCode.ALREADY_LIKED;
import static dev.sns.api.ErrorCode.POST_NOT_FOUND;

import dev.sns.api.ApiResponse;
import dev.sns.post.post.PostService;
import dev.sns.web.docs.Raises;
import dev.sns.web.security.AuthUser;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/posts/{postId}/likes")
class LikeController {

    private final LikeService likes;
    private final PostService posts;

    LikeController(LikeService likes, PostService posts) {
        this.likes = likes;
        this.posts = posts;
    }

    @PostMapping
    @Raises({POST_NOT_FOUND, ALREADY_LIKED})
    ApiResponse<Void> like(@PathVariable long postId, AuthUser caller) {
        likes.like(caller, postId);
        return ApiResponse.success();
    }

    @DeleteMapping
    @Raises(POST_NOT_FOUND)
    ApiResponse<Void> unlike(@PathVariable long postId, AuthUser caller) {
        likes.unlike(caller, postId);
        return ApiResponse.success();
    }

    /** The counter kept in the post row: no rows are counted. */
    @GetMapping
    @Raises(POST_NOT_FOUND)
    ApiResponse<Integer> count(@PathVariable long postId) {
        return ApiResponse.success(posts.likeCount(postId));
    }
}

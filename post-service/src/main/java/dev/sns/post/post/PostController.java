package dev.sns.post.post;

import static dev.sns.api.ErrorCode.INVALID_PERMISSION;
import static dev.sns.api.ErrorCode.POST_NOT_FOUND;

import dev.sns.api.ApiResponse;
import dev.sns.web.conditional.ConditionalGet;
import dev.sns.web.docs.Raises;
import dev.sns.web.paging.PageQuery;
import dev.sns.web.paging.PageResponse;
import dev.sns.web.security.AuthUser;
import jakarta.validation.Valid;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/posts")
class PostController {

    static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "id");

    private final PostService posts;

    PostController(PostService posts) {
        this.posts = posts;
    }

    @PostMapping
    ApiResponse<PostResponse> create(@Valid @RequestBody PostRequest request, AuthUser caller) {
        return ApiResponse.success(posts.create(caller, request));
    }

    @GetMapping("/{postId}")
    @Raises(POST_NOT_FOUND)
    ResponseEntity<ApiResponse<PostResponse>> get(@PathVariable long postId, ConditionalGet conditional) {
        return conditional.answer(() -> posts.tag(postId), () -> posts.get(postId));
    }

    @PutMapping("/{postId}")
    @Raises({POST_NOT_FOUND, INVALID_PERMISSION})
    ApiResponse<PostResponse> update(@PathVariable long postId, @Valid @RequestBody PostRequest request, AuthUser caller) {
        return ApiResponse.success(posts.update(caller, postId, request));
    }

    @DeleteMapping("/{postId}")
    @Raises({POST_NOT_FOUND, INVALID_PERMISSION})
    ApiResponse<Void> delete(@PathVariable long postId, AuthUser caller) {
        posts.delete(caller, postId);
        return ApiResponse.success();
    }

    @GetMapping
    ResponseEntity<ApiResponse<PageResponse<PostResponse>>> feed(PageQuery page, ConditionalGet conditional) {
        Pageable pageable = page.toPageable(NEWEST_FIRST);
        return conditional.answer(() -> Optional.of(posts.feedTag(pageable)), () -> posts.feed(pageable));
    }

    /** The caller's own posts: the answer varies with the token. */
    @GetMapping("/my")
    ResponseEntity<ApiResponse<PageResponse<PostResponse>>> my(PageQuery page, AuthUser caller,
                                                               ConditionalGet conditional) {
        Pageable pageable = page.toPageable(NEWEST_FIRST);
        return conditional.perCaller().answer(() -> Optional.of(posts.byUserTag(caller.id(), pageable)),
                () -> posts.byUser(caller.id(), pageable));
    }
}

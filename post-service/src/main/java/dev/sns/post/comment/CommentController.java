package dev.sns.post.comment;

import static dev.sns.api.ErrorCode.POST_NOT_FOUND;

import dev.sns.api.ApiResponse;
import dev.sns.web.conditional.ConditionalGet;
import dev.sns.web.docs.Raises;
import dev.sns.web.paging.PageQuery;
import dev.sns.web.paging.PageResponse;
import dev.sns.web.security.AuthUser;
import jakarta.validation.Valid;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/posts/{postId}/comments")
class CommentController {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "id");

    private final CommentService comments;

    CommentController(CommentService comments) {
        this.comments = comments;
    }

    @PostMapping
    @Raises(POST_NOT_FOUND)
    ApiResponse<CommentResponse> create(@PathVariable long postId, @Valid @RequestBody CommentRequest request,
                                        AuthUser caller) {
        return ApiResponse.success(comments.create(caller, postId, request));
    }

    @GetMapping
    @Raises(POST_NOT_FOUND)
    ResponseEntity<ApiResponse<PageResponse<CommentResponse>>> list(@PathVariable long postId, PageQuery page,
                                                                     ConditionalGet conditional) {
        Pageable pageable = page.toPageable(NEWEST_FIRST);
        return conditional.answer(() -> comments.tag(postId, pageable), () -> comments.list(postId, pageable));
    }
}

package dev.sns.post.comment;

import dev.sns.api.ErrorCode;
import dev.sns.post.author.Author;
import dev.sns.post.author.AuthorDirectory;
import dev.sns.post.outbox.PostEvents;
import dev.sns.post.post.Post;
import dev.sns.post.post.PostRepository;
import dev.sns.post.post.PostService;
import dev.sns.post.post.PostTags;
import dev.sns.time.Timestamps;
import dev.sns.web.ApiException;
import dev.sns.web.conditional.Tagged;
import dev.sns.web.paging.PageResponse;
import dev.sns.web.security.AuthUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.ETag;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class CommentService {

    private final PostService postService;
    private final PostRepository posts;
    private final CommentRepository comments;
    private final AuthorDirectory authors;
    private final PostEvents events;
    private final Counter commented;
    private final Clock clock;

    CommentService(PostService postService, PostRepository posts, CommentRepository comments, AuthorDirectory authors,
                   PostEvents events, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.commented = Counter.builder("sns.comments").description("Comments accepted").register(meters);
        this.postService = postService;
        this.posts = posts;
        this.comments = comments;
        this.authors = authors;
        this.events = events;
    }

    /** The comment, the post's counter and (for someone else's post) the outbox row commit together or not at all. */
    @Transactional
    public CommentResponse create(AuthUser caller, long postId, CommentRequest request) {
        Post post = postService.findActive(postId);
        Comment comment = comments.saveAndFlush(new Comment(postId, caller.id(), request.comment(), Timestamps.now(clock)));
        if (posts.addToCommentCount(postId, 1) == 0) {
            throw new ApiException(ErrorCode.POST_NOT_FOUND); // deleted meanwhile: roll back
        }
        events.commentAdded(post, comment.getId(), caller);
        commented.increment();
        return CommentResponse.of(comment, caller.name());
    }

    /**
     * A page of the post's comments, tagged with the post's version as read before the comments: the page may be
     * newer than its tag (a comment added in between), never older, so a later 304 never hides a comment.
     */
    public Tagged<PageResponse<CommentResponse>> list(long postId, Pageable pageable) {
        Post post = postService.findActive(postId);
        Page<Comment> page = comments.findByPostIdAndDeletedAtIsNull(postId, pageable);
        Set<Long> userIds = page.getContent().stream().map(Comment::getUserId).collect(Collectors.toSet());
        Map<Long, Author> byId = authors.find(userIds);
        PageResponse<CommentResponse> response =
                PageResponse.of(page).map(c -> CommentResponse.of(c, byId.get(c.getUserId()).userName()));
        return new Tagged<>(response, PostTags.comments(postId, post.getVersion(), pageable))
                .onlyIf(Author.allNamed(byId.values()));
    }

    /** The tag {@link #list} would answer, from the post's version alone; empty when the post does not exist. */
    public Optional<ETag> tag(long postId, Pageable pageable) {
        return postService.version(postId).map(version -> PostTags.comments(postId, version, pageable));
    }
}

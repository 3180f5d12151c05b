package dev.sns.post.post;

import dev.sns.post.author.Author;
import dev.sns.post.author.AuthorDirectory;
import dev.sns.web.ApiException;
import dev.sns.web.ErrorCode;
import dev.sns.web.paging.PageResponse;
import dev.sns.web.security.AuthUser;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writing and reading posts. Authors come from {@link AuthorDirectory}, never from a users table. */
@Service
public class PostService {

    private final PostRepository posts;
    private final AuthorDirectory authors;
    private final JdbcClient jdbc;
    private final EntityManager entityManager;

    public PostService(PostRepository posts, AuthorDirectory authors, JdbcClient jdbc, EntityManager entityManager) {
        this.posts = posts;
        this.authors = authors;
        this.jdbc = jdbc;
        this.entityManager = entityManager;
    }

    /** The post, or POST_NOT_FOUND when it does not exist or is deleted. */
    public Post findActive(long postId) {
        return posts.findByIdAndDeletedAtIsNull(postId).orElseThrow(() -> new ApiException(ErrorCode.POST_NOT_FOUND));
    }

    @Transactional
    public PostResponse create(AuthUser caller, PostRequest request) {
        Post post = posts.save(new Post(caller.id(), request.title(), request.body()));
        return PostResponse.of(asStored(post), Author.of(caller)); // the caller is the author: no lookup needed
    }

    // Reads run without a surrounding transaction on purpose: the repository query holds a connection only for
    // itself, not during the call to user-service that follows.
    public PostResponse get(long postId) {
        Post post = findActive(postId);
        return PostResponse.of(post, authors.find(Set.of(post.getUserId())).get(post.getUserId()));
    }

    @Transactional
    public PostResponse update(AuthUser caller, long postId, PostRequest request) {
        Post post = ownedBy(caller, postId);
        post.edit(request.title(), request.body());
        return PostResponse.of(asStored(post), Author.of(caller));
    }

    /**
     * Soft-deletes the post and its comments; its likes are removed (they have no life of their own), so nothing of
     * the post stays visible. Three statements, whatever the number of comments and likes. Comments and likes are
     * locked before the post row, the same order a like or comment takes its locks in, so the two cannot deadlock.
     */
    @Transactional
    public void delete(AuthUser caller, long postId) {
        Post post = ownedBy(caller, postId);
        Instant now = Post.now();
        jdbc.sql("UPDATE comments SET deleted_at = ? WHERE post_id = ? AND deleted_at IS NULL")
                .params(now, postId).update();
        jdbc.sql("DELETE FROM likes WHERE post_id = ?").params(postId).update();
        post.markDeleted(now);
        posts.flush();
    }

    public PageResponse<PostResponse> feed(Pageable pageable) {
        return withAuthors(posts.findByDeletedAtIsNull(pageable));
    }

    public PageResponse<PostResponse> byUser(long userId, Pageable pageable) {
        return withAuthors(posts.findByUserIdAndDeletedAtIsNull(userId, pageable));
    }

    public int likeCount(long postId) {
        return posts.findLikeCount(postId).orElseThrow(() -> new ApiException(ErrorCode.POST_NOT_FOUND));
    }

    /**
     * The post as a later read will return it. Connector/J drops fractional seconds when the server reports an old
     * version (MariaDB 10.x announces itself as "5.5.5-10.x"), so the timestamps in memory may be finer than stored.
     */
    private Post asStored(Post post) {
        posts.flush();
        entityManager.refresh(post);
        return post;
    }

    private Post ownedBy(AuthUser caller, long postId) {
        Post post = findActive(postId);
        if (!post.isOwnedBy(caller.id())) {
            throw new ApiException(ErrorCode.INVALID_PERMISSION, "Only the author of the post may do this");
        }
        return post;
    }

    /** One author lookup for the whole page (a single batched call for the authors not in the cache). */
    private PageResponse<PostResponse> withAuthors(Page<Post> page) {
        Set<Long> userIds = page.getContent().stream().map(Post::getUserId).collect(Collectors.toSet());
        Map<Long, Author> byId = authors.find(userIds);
        return PageResponse.of(page).map(post -> PostResponse.of(post, byId.get(post.getUserId())));
    }
}

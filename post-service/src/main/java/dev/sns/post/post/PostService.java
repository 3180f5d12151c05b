package dev.sns.post.post;

import dev.sns.api.ErrorCode;
import dev.sns.post.author.Author;
import dev.sns.post.author.AuthorDirectory;
import dev.sns.post.outbox.PostEvents;
import dev.sns.time.Timestamps;
import dev.sns.web.ApiException;
import dev.sns.web.conditional.Tagged;
import dev.sns.web.paging.PageResponse;
import dev.sns.web.security.AuthUser;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.http.ETag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writing and reading posts. Authors come from {@link AuthorDirectory}, never from a users table. */
@Service
public class PostService {

    /** The owner part of the feed's tags (a user's posts have the user id there). */
    private static final String FEED = "feed";
    private static final String POPULAR = "popular";

    private final PostRepository posts;
    private final AuthorDirectory authors;
    private final JdbcClient jdbc;
    private final EntityManager entityManager;
    private final ApplicationEventPublisher events;
    private final PostEvents postEvents;
    private final Clock clock;

    public PostService(PostRepository posts, AuthorDirectory authors, JdbcClient jdbc, EntityManager entityManager,
                       ApplicationEventPublisher events, PostEvents postEvents, Clock clock) {
        this.clock = clock;
        this.posts = posts;
        this.authors = authors;
        this.jdbc = jdbc;
        this.entityManager = entityManager;
        this.events = events;
        this.postEvents = postEvents;
    }

    /** The post, or POST_NOT_FOUND when it does not exist or is deleted. */
    public Post findActive(long postId) {
        return posts.findByIdAndDeletedAtIsNull(postId).orElseThrow(() -> new ApiException(ErrorCode.POST_NOT_FOUND));
    }

    @Transactional
    public PostResponse create(AuthUser caller, PostRequest request) {
        // the row as stored: the counters and version start at 0 in Java and SQL alike, the time is whole seconds
        Post post = posts.save(new Post(caller.id(), request.title(), request.body(), Timestamps.now(clock)));
        postEvents.postCreated(post, caller, post.getRegisteredAt()); // timelines (docs/events.md)
        return PostResponse.of(post, Author.of(caller)); // the caller is the author: no lookup needed
    }

    // Reads run without a surrounding transaction on purpose: the repository query holds a connection only for
    // itself, not during the call to user-service that follows.
    public Tagged<PostResponse> get(long postId) {
        Post post = findActive(postId);
        Author author = authors.find(Set.of(post.getUserId())).get(post.getUserId());
        PostResponse response = PostResponse.of(post, author);
        // a name missing now (user-service down) must not stay cached as the answer: no tag then
        return new Tagged<>(response, PostTags.post(postId, post.getVersion())).onlyIf(author.named());
    }

    /** The tag {@link #get} would answer, from the post's version alone; empty when the post does not exist. */
    public Optional<ETag> tag(long postId) {
        return posts.findVersion(postId).map(version -> PostTags.post(postId, version));
    }

    /** The post's version, empty when it does not exist: what changes with anything shown of it or under it. */
    public Optional<Long> version(long postId) {
        return posts.findVersion(postId);
    }

    @Transactional
    public PostResponse update(AuthUser caller, long postId, PostRequest request) {
        Post post = ownedBy(caller, postId);
        if (posts.edit(postId, request.title(), request.body(), Timestamps.now(clock)) == 0) {
            throw new ApiException(ErrorCode.POST_NOT_FOUND); // deleted meanwhile
        }
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
        Instant now = Timestamps.now(clock);
        jdbc.sql("UPDATE comments SET deleted_at = ? WHERE post_id = ? AND deleted_at IS NULL")
                .params(now, postId).update();
        jdbc.sql("DELETE FROM likes WHERE post_id = ?").params(postId).update();
        post.markDeleted(now);
        posts.flush();
        postEvents.postDeleted(post, caller, now);
        events.publishEvent(new PostDeleted(postId));
    }

    public Tagged<PageResponse<PostResponse>> feed(Pageable pageable) {
        return withAuthors(FEED, posts.findByDeletedAtIsNull(pageable, Post.class));
    }

    /** The tag {@link #feed} would answer, from the page's ids and versions (no titles, bodies or authors). */
    public ETag feedTag(Pageable pageable) {
        return PostTags.page(FEED, posts.findByDeletedAtIsNull(pageable, PostVersion.class));
    }

    public Tagged<PageResponse<PostResponse>> byUser(long userId, Pageable pageable) {
        return withAuthors(userId, posts.findByUserIdAndDeletedAtIsNull(userId, pageable, Post.class));
    }

    /** Like {@link #feedTag}, for {@link #byUser}. */
    public ETag byUserTag(long userId, Pageable pageable) {
        return PostTags.page(userId, posts.findByUserIdAndDeletedAtIsNull(userId, pageable, PostVersion.class));
    }

    /**
     * The posts of {@code ids} in that order, as a page of {@code total} rendered like the feed: one query, one author
     * lookup. Posts deleted meanwhile are left out. No tag: the order changes with likes that change no post.
     */
    public PageResponse<PostResponse> pageOf(List<Long> ids, Pageable pageable, long total) {
        Map<Long, Post> byId = ids.isEmpty() ? Map.of() : posts.findByIdInAndDeletedAtIsNull(ids).stream()
                .collect(Collectors.toMap(Post::getId, post -> post));
        List<Post> ordered = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        return withAuthors(POPULAR, new PageImpl<>(ordered, pageable, total)).body();
    }

    /**
     * The posts of {@code ids} that exist and are not deleted, rendered like the feed, in any order: one query, one
     * author lookup (timeline-service's hydration of a timeline page).
     */
    public List<PostResponse> findAll(Collection<Long> ids) {
        List<Post> found = posts.findByIdInAndDeletedAtIsNull(ids);
        Map<Long, Author> byId = authors.find(found.stream().map(Post::getUserId).collect(Collectors.toSet()));
        return found.stream().map(post -> PostResponse.of(post, byId.get(post.getUserId()))).toList();
    }

    /** The newest {@code limit} posts of these authors, newest first (timeline-service's back-fill and rebuild). */
    public List<PostRef> recent(Collection<Long> authorIds, int limit) {
        if (authorIds.isEmpty()) {
            return List.of();
        }
        // idx_posts_user per author, then the newest of them all
        return jdbc.sql("""
                        SELECT id, user_id FROM posts WHERE user_id IN (:authors) AND deleted_at IS NULL
                        ORDER BY id DESC LIMIT :limit""")
                .param("authors", authorIds).param("limit", limit)
                .query((rs, n) -> new PostRef(rs.getLong(1), rs.getLong(2))).list();
    }

    public int likeCount(long postId) {
        return posts.findLikeCount(postId).orElseThrow(() -> new ApiException(ErrorCode.POST_NOT_FOUND));
    }

    /** The post as a later read will return it, after an update in SQL ({@link PostRepository#edit}). */
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

    /**
     * One author lookup for the whole page (a single batched call for the authors not in the cache). The tag comes
     * from the very rows of the body.
     */
    private Tagged<PageResponse<PostResponse>> withAuthors(Object owner, Page<Post> page) {
        Set<Long> userIds = page.getContent().stream().map(Post::getUserId).collect(Collectors.toSet());
        Map<Long, Author> byId = authors.find(userIds);
        PageResponse<PostResponse> response =
                PageResponse.of(page).map(post -> PostResponse.of(post, byId.get(post.getUserId())));
        return new Tagged<>(response, PostTags.page(owner, page.map(PostVersion::of)))
                .onlyIf(Author.allNamed(byId.values()));
    }
}

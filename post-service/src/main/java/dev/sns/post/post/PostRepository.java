package dev.sns.post.post;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Every statement that changes what a read of a post shows adds 1 to its version in the same statement
 * ({@link PostTags}).
 */
public interface PostRepository extends JpaRepository<Post, Long> {

    /** A post that exists and is not deleted. */
    Optional<Post> findByIdAndDeletedAtIsNull(long id);

    /** The version of a post that exists and is not deleted. */
    @Query("select p.version from Post p where p.id = :id and p.deletedAt is null")
    Optional<Long> findVersion(@Param("id") long id);

    /** Posts by id (primary key), the deleted ones left out: a page of the popular posts. */
    List<Post> findByIdInAndDeletedAtIsNull(Collection<Long> ids);

    /** The feed (index idx_posts_feed*), as posts or as {@link PostVersion}s. */
    <T> Page<T> findByDeletedAtIsNull(Pageable pageable, Class<T> type);

    /** One user's posts (index idx_posts_user*), as posts or as {@link PostVersion}s. */
    <T> Page<T> findByUserIdAndDeletedAtIsNull(long userId, Pageable pageable, Class<T> type);

    @Query("select p.likeCount from Post p where p.id = :id and p.deletedAt is null")
    Optional<Integer> findLikeCount(@Param("id") long id);

    /**
     * Adds {@code delta} to the like counter in one SQL statement, so concurrent likes never lose an update.
     * Returns 0 when the post is gone (deleted meanwhile): the caller rolls back. Native SQL: Hibernate 7 built the
     * SQL of the JPQL version anew on every execution ({@code SimpleNonSelectQueryPlan.buildInterpretation}, ~8 % of
     * post-service's CPU samples under likes; docs/performance.md).
     */
    @Modifying(flushAutomatically = true)
    @Query(value = "UPDATE posts SET like_count = like_count + :delta, version = version + 1"
            + " WHERE id = :id AND deleted_at IS NULL", nativeQuery = true)
    int addToLikeCount(@Param("id") long id, @Param("delta") int delta);

    /** Like {@link #addToLikeCount}, for comments. */
    @Modifying(flushAutomatically = true)
    @Query(value = "UPDATE posts SET comment_count = comment_count + :delta, version = version + 1"
            + " WHERE id = :id AND deleted_at IS NULL", nativeQuery = true)
    int addToCommentCount(@Param("id") long id, @Param("delta") int delta);

    /** A new title and body, in one statement with the version (a concurrent like cannot make them share one). */
    @Modifying(flushAutomatically = true)
    @Query("update Post p set p.title = :title, p.body = :body, p.updatedAt = :at, p.version = p.version + 1"
            + " where p.id = :id and p.deletedAt is null")
    int edit(@Param("id") long id, @Param("title") String title, @Param("body") String body, @Param("at") Instant at);
}

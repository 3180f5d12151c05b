package dev.sns.post.like;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Likes are rows with no life of their own (nobody reads them one by one), so plain SQL: the unique key
 * (post_id, user_id) decides who liked first.
 */
@Repository
class LikeRepository {

    private final JdbcClient jdbc;

    LikeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The new like's id, or empty when this user already likes the post (also when a simultaneous like of theirs got
     * there first).
     */
    OptionalLong insert(long postId, long userId, Instant at) {
        try {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO likes (post_id, user_id, registered_at) VALUES (?, ?, ?)")
                    .params(postId, userId, at).update(key);
            return OptionalLong.of(key.getKeyAs(Number.class).longValue());
        } catch (DuplicateKeyException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Removes this user's like of the post and returns it, or empty when there was none. The row is
     * locked first (the unique key): of two simultaneous unlikes the second finds nothing once the first commits.
     */
    Optional<Like> delete(long postId, long userId) {
        Optional<Like> like = jdbc.sql("SELECT id, registered_at FROM likes WHERE post_id = ? AND user_id = ? FOR UPDATE")
                .params(postId, userId)
                .query((rs, n) -> new Like(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .optional();
        like.ifPresent(found -> jdbc.sql("DELETE FROM likes WHERE id = ?").param(found.id()).update());
        return like;
    }

    record Like(long id, Instant registeredAt) {
    }
}

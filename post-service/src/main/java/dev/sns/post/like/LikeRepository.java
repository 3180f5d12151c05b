package dev.sns.post.like;

import dev.sns.post.post.Post;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** False when this user already likes the post (also when a simultaneous like of theirs got there first). */
    boolean insert(long postId, long userId) {
        try {
            jdbc.sql("INSERT INTO likes (post_id, user_id, registered_at) VALUES (?, ?, ?)")
                    .params(postId, userId, Post.now()).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** False when there was no like to remove. */
    boolean delete(long postId, long userId) {
        return jdbc.sql("DELETE FROM likes WHERE post_id = ? AND user_id = ?").params(postId, userId).update() == 1;
    }
}

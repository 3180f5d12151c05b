package dev.sns.user.follow;

import dev.sns.user.account.Role;
import dev.sns.user.account.UserResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The follows table and the users' counters, in plain SQL: every statement here is one the design counts on. */
@Repository
class FollowRepository {

    /** Sortable properties of the API's paging rules: {@code registeredAt} is when the follow was made. */
    enum Order {
        NEWEST("f.created_at DESC, u.id DESC"), OLDEST("f.created_at ASC, u.id ASC"),
        ID_DESC("u.id DESC"), ID_ASC("u.id ASC");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    private final JdbcClient jdbc;

    FollowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Profile> profile(String userName, long viewerId) {
        return jdbc.sql("""
                        SELECT u.id, u.user_name, u.role, u.follower_count, u.following_count,
                               EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ? AND f.followee_id = u.id)
                        FROM users u WHERE u.user_name = ? AND u.deleted_at IS NULL""")
                .params(viewerId, userName)
                .query((rs, n) -> new Profile(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        rs.getLong(4), rs.getLong(5), rs.getBoolean(6)))
                .optional();
    }

    /** Whether the follow row was inserted now (false: it existed). */
    boolean insert(long followerId, long followeeId, Instant at) {
        return jdbc.sql("INSERT IGNORE INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)")
                .params(followerId, followeeId, at).update() == 1;
    }

    /** Whether a follow row was deleted now (false: there was none). */
    boolean delete(long followerId, long followeeId) {
        return jdbc.sql("DELETE FROM follows WHERE follower_id = ? AND followee_id = ?")
                .params(followerId, followeeId).update() == 1;
    }

    /**
     * Both counters in one statement: InnoDB locks the two users rows in primary-key order whoever runs it, so a follow
     * of A by B and one of B by A at the same moment cannot deadlock on them.
     */
    void count(long followerId, long followeeId, int delta) {
        jdbc.sql("""
                        UPDATE users SET
                            following_count = following_count + CASE WHEN id = :follower THEN :delta ELSE 0 END,
                            follower_count = follower_count + CASE WHEN id = :followee THEN :delta ELSE 0 END
                        WHERE id IN (:follower, :followee)""")
                .param("follower", followerId).param("followee", followeeId).param("delta", delta)
                .update();
    }

    List<UserResponse> followers(long userId, Order order, long offset, int limit) {
        return users("JOIN follows f ON f.follower_id = u.id WHERE f.followee_id = ?", userId, order, offset, limit);
    }

    List<UserResponse> following(long userId, Order order, long offset, int limit) {
        return users("JOIN follows f ON f.followee_id = u.id WHERE f.follower_id = ?", userId, order, offset, limit);
    }

    private List<UserResponse> users(String join, long userId, Order order, long offset, int limit) {
        return jdbc.sql("SELECT u.id, u.user_name, u.role FROM users u " + join + " AND u.deleted_at IS NULL ORDER BY "
                        + order.sql + " LIMIT ? OFFSET ?")
                .params(userId, limit, offset)
                .query((rs, n) -> new UserResponse(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3))))
                .list();
    }

    /** Follower ids of {@code userId} above {@code after}, ascending: a keyset page on idx_follows_followee. */
    List<Long> followerIds(long userId, long after, int limit) {
        return jdbc.sql("SELECT follower_id FROM follows WHERE followee_id = ? AND follower_id > ? ORDER BY follower_id LIMIT ?")
                .params(userId, after, limit).query(Long.class).list();
    }

    /** Whom {@code userId} follows above {@code after}, ascending, each with its follower count (the primary key). */
    List<Followee> followees(long userId, long after, int limit) {
        return jdbc.sql("""
                        SELECT f.followee_id, u.follower_count FROM follows f JOIN users u ON u.id = f.followee_id
                        WHERE f.follower_id = ? AND f.followee_id > ? ORDER BY f.followee_id LIMIT ?""")
                .params(userId, after, limit)
                .query((rs, n) -> new Followee(rs.getLong(1), rs.getLong(2))).list();
    }

    long followerCount(long userId) {
        return jdbc.sql("SELECT follower_count FROM users WHERE id = ?").param(userId).query(Long.class).optional()
                .orElse(0L);
    }
}

-- Posts. like_count / comment_count are kept in the row (updated atomically with each like/comment) so that a
-- feed page never counts likes or comments per post.
CREATE TABLE posts (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    user_id       BIGINT       NOT NULL,
    title         VARCHAR(200) NOT NULL,
    body          TEXT         NOT NULL,
    like_count    INT          NOT NULL DEFAULT 0,
    comment_count INT          NOT NULL DEFAULT 0,
    registered_at DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NULL,
    deleted_at    DATETIME(6)  NULL,
    PRIMARY KEY (id),
    -- the feed: non-deleted posts, newest first (by id, or by registered_at when asked)
    KEY idx_posts_feed (deleted_at, id),
    KEY idx_posts_feed_registered (deleted_at, registered_at),
    -- "my posts"
    KEY idx_posts_user (user_id, deleted_at, id),
    KEY idx_posts_user_registered (user_id, deleted_at, registered_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

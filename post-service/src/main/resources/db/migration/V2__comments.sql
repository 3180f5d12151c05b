-- No foreign key to posts on purpose: an FK makes every insert take a shared lock on the post row, and the
-- counter update right after needs an exclusive one, so concurrent comments on one post would deadlock.
CREATE TABLE comments (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    post_id       BIGINT        NOT NULL,
    user_id       BIGINT        NOT NULL,
    comment       VARCHAR(1000) NOT NULL,
    registered_at DATETIME(6)   NOT NULL,
    updated_at    DATETIME(6)   NULL,
    deleted_at    DATETIME(6)   NULL,
    PRIMARY KEY (id),
    -- a post's comments, newest first; also serves the soft delete of a post's comments
    KEY idx_comments_post (post_id, deleted_at, id),
    KEY idx_comments_post_registered (post_id, deleted_at, registered_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One like per user and post, enforced by the database: two simultaneous likes by one user give one row and one
-- duplicate-key error (answered as ALREADY_LIKED). No foreign key, for the same reason as comments.
CREATE TABLE likes (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    post_id       BIGINT      NOT NULL,
    user_id       BIGINT      NOT NULL,
    registered_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_likes_post_user (post_id, user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

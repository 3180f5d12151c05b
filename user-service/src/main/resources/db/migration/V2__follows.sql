-- The follow graph (docs/timeline.md): one row per follower -> followee, the primary key makes a follow exist once.
-- No foreign keys on purpose: their shared locks on both users rows, taken by the insert, would deadlock with the
-- counter updates of a concurrent follow between the same two people; a user is never hard-deleted anyway.
CREATE TABLE follows (
    follower_id BIGINT      NOT NULL,
    followee_id BIGINT      NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (follower_id, followee_id),
    -- a user's followers: keyset by follower id (the timeline's fan-out) and newest first (the followers page)
    KEY idx_follows_followee (followee_id, follower_id),
    KEY idx_follows_followee_created (followee_id, created_at),
    -- whom a user follows, newest first (the following page)
    KEY idx_follows_follower_created (follower_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Kept with the rows in the same transaction, changed only when a follows row was really inserted or deleted, so a
-- profile shows its counts without counting rows.
ALTER TABLE users
    ADD COLUMN follower_count  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN following_count BIGINT NOT NULL DEFAULT 0;

-- Transactional outbox of the follow events (outbox-support, docs/events.md), as in post-service
CREATE TABLE outbox_events (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    event_id     CHAR(36)     NOT NULL,
    topic        VARCHAR(249) NOT NULL,
    message_key  VARCHAR(100) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    published_at DATETIME(6)  NULL,
    trace_parent VARCHAR(64)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outbox_event_id (event_id),
    -- the relay's claim query: unpublished rows, oldest first
    KEY idx_outbox_unpublished (published_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

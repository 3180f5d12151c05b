-- One row per alarm a user received. event_id is the id of the post event that caused it: the unique key makes
-- consuming a redelivered event a no-op (Kafka delivers at least once).
CREATE TABLE alarms (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    user_id       BIGINT      NOT NULL COMMENT 'receiver: the owner of the post',
    alarm_type    VARCHAR(40) NOT NULL,
    from_user_id  BIGINT      NOT NULL COMMENT 'who liked or commented',
    target_id     BIGINT      NOT NULL COMMENT 'the post',
    event_id      CHAR(36)    NOT NULL,
    registered_at DATETIME(6) NOT NULL,
    updated_at    DATETIME(6) NULL,
    deleted_at    DATETIME(6) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_alarms_event_id UNIQUE (event_id),
    INDEX ix_alarms_user_id_id (user_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

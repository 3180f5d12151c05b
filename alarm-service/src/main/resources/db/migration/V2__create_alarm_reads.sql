-- The read state of each user's alarms: every alarm with an id up to read_up_to is read, every later one unread.
-- unread is the number of the user's alarms after read_up_to, kept by the alarm insert (same transaction) and by
-- marking alarms read, so the badge is one primary-key read instead of a count over the user's alarms. version grows
-- with every change of the row: the pushed unread counts of a user are ordered by it across instances.
CREATE TABLE alarm_reads (
    user_id    BIGINT NOT NULL COMMENT 'receiver of the alarms',
    read_up_to BIGINT NOT NULL DEFAULT 0 COMMENT 'alarms.id: this one and every earlier one of the user are read',
    unread     BIGINT NOT NULL DEFAULT 0 COMMENT 'the user''s alarms with an id above read_up_to',
    version    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Alarms from before read states existed count as read: users saw them in the list already, and a badge of every
-- alarm they ever received would say nothing.
INSERT INTO alarm_reads (user_id, read_up_to, unread, version)
SELECT user_id, MAX(id), 0, 0 FROM alarms GROUP BY user_id;

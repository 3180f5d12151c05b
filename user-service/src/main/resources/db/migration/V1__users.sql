-- The collation is named on the table (not inherited from the schema) so that name uniqueness is case-insensitive
-- on MariaDB and MySQL alike: "Alice" and "alice" are one name.
CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    user_name     VARCHAR(30)  NOT NULL,
    password      VARCHAR(100) NOT NULL,
    role          VARCHAR(10)  NOT NULL,
    registered_at DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NULL,
    deleted_at    DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_users_user_name UNIQUE (user_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

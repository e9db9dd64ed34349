package org.serialregistry.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server per test JVM (a child process, no Docker needed), started on first
 * use and stopped when the JVM exits. Each test context gets its own database on it, so contexts
 * never see each other's data.
 */
public final class EmbeddedPostgresServer {

    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // The library stops the server in its own JVM shutdown hook
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
        }
        return server;
    }

    /** Creates an empty database of this name (once) and points the application's datasource at it. */
    public static synchronized void useFreshDatabase(String name, DynamicPropertyRegistry registry) {
        String url = freshDatabase(name);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    /** Creates an empty database of this name (dropping one left over) and returns its JDBC URL (user and password "postgres"). */
    public static synchronized String freshDatabase(String name) {
        return createDatabase(name).getJdbcUrl("postgres", name);
    }

    /** Creates an empty database of this name and answers a data source on it, for tests without a context. */
    public static synchronized javax.sql.DataSource freshDataSource(String name) {
        return createDatabase(name).getDatabase("postgres", name);
    }

    private static EmbeddedPostgres createDatabase(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("database name: lowercase letters and '_' only");
        }
        var pg = server();
        try (var connection = pg.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name);
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return pg;
    }
}

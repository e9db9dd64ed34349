package org.serialregistry.shared;

import java.sql.SQLException;

import javax.sql.DataSource;

/** Which database the application runs on, for the few places that work differently on PostgreSQL. */
public final class Databases {

    private Databases() {
    }

    /** True on PostgreSQL (several replicas possible), false on H2 (one instance). */
    public static boolean isPostgresql(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is: " + e.getMessage(), e);
        }
    }
}

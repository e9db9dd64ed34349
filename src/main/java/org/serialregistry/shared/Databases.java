package org.serialregistry.shared;

import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

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

    /**
     * SQLSTATE class 08 (connection exception: the connection broke, e.g. while committing when the server
     * stopped), 57P01-57P03 (the server is shutting down, crashed, or cannot take connections yet) and class 53
     * (insufficient resources: 53100 disk full, 53200 out of memory, 53300 too many connections): the server
     * cannot do the work now, whatever the work is.
     */
    private static boolean connectionLost(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0") || state.startsWith("53"));
    }

    /**
     * True when a failure means the database cannot be reached or cannot write now (connection refused, the
     * pool timed out, no transaction could start, the server went away, an I/O error such as a full disk,
     * H2 closed the database), not a fault in a query: work that meets it is
     * tried again later rather than reported as a bug. A commit or rollback that failed after the work itself
     * failed is judged by the work's failure (Spring throws the rollback's, e.g. HikariCP's plain "Connection
     * is closed" once it evicted the broken connection, and keeps the first as the application exception).
     */
    public static boolean unreachable(Throwable e) {
        return Causes.any(e, t -> t instanceof TransactionSystemException failed && failed.getApplicationException() != null
                && unreachable(failed.getApplicationException())
                || t instanceof CannotCreateTransactionException
                || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof ConnectException || t instanceof java.io.IOException
                || t instanceof SQLException sql && (connectionLost(sql.getSQLState()) || closedByH2(sql) || closedByPool(sql)));
    }

    /**
     * HikariCP's answer on a connection it has already closed, because an earlier statement on it found the
     * connection broken: a commit or rollback that follows (in JPA's transaction manager the first failure is
     * then gone) ends so. A plain {@code SQLException("Connection is closed")} without SQLSTATE.
     */
    private static boolean closedByPool(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    /**
     * H2 closed the database under its connections (after a write failed, e.g. a full disk): its errors
     * DATABASE_IS_CLOSED (90098) and DATABASE_CALLED_AT_SHUTDOWN (90121).
     */
    public static boolean closedByH2(SQLException e) {
        return e.getErrorCode() == 90098 || e.getErrorCode() == 90121;
    }

    /**
     * The {@code .mv.db} file of an embedded H2 database URL ({@code jdbc:h2:file:path}, or the bare
     * {@code jdbc:h2:./path}); null for in-memory H2, H2 over TCP and any other database.
     */
    public static @Nullable Path h2File(@Nullable String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return null;
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.contains(":")
                && !rest.matches("^[A-Za-z]:[\\\\/].*")) {
            return null;
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Path.of(rest + ".mv.db").toAbsolutePath().normalize();
    }

    /** {@code dataSource} itself or what it wraps, as {@code type} (a pool behind a wrapper); null when it is none. */
    public static <T> @Nullable T unwrap(DataSource dataSource, Class<T> type) {
        try {
            return dataSource.isWrapperFor(type) ? dataSource.unwrap(type) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}

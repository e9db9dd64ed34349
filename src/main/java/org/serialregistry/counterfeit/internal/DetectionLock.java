package org.serialregistry.counterfeit.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The PostgreSQL session-level advisory lock that makes one replica the detection leader. It is
 * held on a connection of its own, kept open while leading: when the replica dies or its connection
 * breaks, PostgreSQL ends the session and the lock is free for the next replica that asks.
 */
final class DetectionLock {

    private static final Logger log = LoggerFactory.getLogger(DetectionLock.class);
    /** Any fixed number; all replicas of one database must use the same. */
    static final long KEY = 0x5e71a1_c0de_0001L;

    private final DataSource dataSource;
    private @Nullable Connection connection;

    DetectionLock(DataSource dataSource) {
        this.dataSource = unpooled(dataSource);
    }

    /**
     * A connection outside the pool: closing it ends its session (and the lock with it), where a pooled
     * connection would go back to the pool still holding the lock.
     */
    private static DataSource unpooled(DataSource dataSource) {
        HikariDataSource pool = Databases.unwrap(dataSource, HikariDataSource.class);
        if (pool != null) {
            var direct = new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
            direct.setConnectionProperties(pool.getDataSourceProperties());
            return direct;
        }
        return dataSource;
    }

    /** True when this replica holds the lock now (it may have held it already). */
    synchronized boolean tryAcquire() {
        if (connection != null) {
            return stillHeld();
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            if (Boolean.TRUE.equals(on(c).queryForObject("select pg_try_advisory_lock(?)", Boolean.class, KEY))) {
                connection = c;
                return true;
            }
            c.close();
            return false;
        } catch (SQLException | DataAccessException e) {
            log.warn("Counterfeit detection: could not ask for the leader lock: {}", e.toString());
            closeQuietly(c);
            return false;
        }
    }

    /** Whether the lock's session is still alive (if it is not, PostgreSQL has released the lock). */
    synchronized boolean stillHeld() {
        if (connection == null) {
            return false;
        }
        try {
            // a session-level lock lasts as long as its session: a live session still holds it
            if (connection.isValid(5)) {
                return true;
            }
            log.warn("Counterfeit detection: the leader lock's connection is gone");
        } catch (SQLException e) {
            log.warn("Counterfeit detection: the leader lock's connection failed: {}", e.toString());
        }
        closeQuietly(connection);
        connection = null;
        return false;
    }

    synchronized void release() {
        if (connection != null) {
            try {
                on(connection).queryForObject("select pg_advisory_unlock(?)", Boolean.class, KEY);
            } catch (DataAccessException e) {
                log.debug("Counterfeit detection: unlock failed (the session ends anyway): {}", e.toString());
            }
            closeQuietly(connection);
            connection = null;
        }
    }

    /** Statements on the lock's own connection, which they leave open (the lock lives as long as it). */
    private static JdbcTemplate on(Connection c) {
        return new JdbcTemplate(new SingleConnectionDataSource(c, true));
    }

    private static void closeQuietly(@Nullable Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
        }
    }
}

package org.serialregistry.shared;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as "the database cannot be reached" (retry later, one log line) and what is a fault. */
class DatabasesTest {

    @Test
    void aConnectionThatBrokeWhileCommittingIsAnUnreachableDatabase() {
        // seen when PostgreSQL stopped under load: a scheduled task's commit failed with this chain
        var commit = new JpaSystemException(new RuntimeException("Unable to commit against JDBC Connection",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertThat(Databases.unreachable(commit)).isTrue();
        assertThat(Databases.unreachable(new SQLException("An I/O error occurred while sending to the backend", "08006")))
                .isTrue();
        assertThat(Databases.unreachable(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void aFullDiskUnderH2IsADatabaseThatCannotWriteNow() {
        // seen with scripts/fault-disk-full.sh: the scan log's batch failed with these, and was dropped as lost
        var rollback = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                new SQLException("The database has been closed [90098-240]", "90098", 90098));
        assertThat(Databases.unreachable(rollback)).isTrue();
        assertThat(Databases.unreachable(new RuntimeException(new java.io.IOException("No space left on device"))))
                .isTrue();
    }

    @Test
    void aRollbackThatFailsAfterTheDatabaseClosedIsJudgedByWhatFailedFirst() {
        // seen with scripts/fault-disk-full.sh: the insert failed with 90098, HikariCP evicted the connection, and the
        // rollback then failed on it with a plain "Connection is closed" (no SQLSTATE); Spring throws the rollback's
        // failure and keeps the insert's as the application exception. The batch was counted as lost after 3 tries.
        var rollback = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException(
                "ConnectionCallback; The database has been closed [90098-240]",
                new java.sql.BatchUpdateException("The database has been closed [90098-240]", "90098", 90098, new int[0])));
        assertThat(Databases.unreachable(rollback)).isTrue();

        var afterABug = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                new SQLException("internal error", "XX000"));
        afterABug.initApplicationException(new IllegalStateException("a bug"));
        assertThat(Databases.unreachable(afterABug)).isFalse();
    }

    @Test
    void aCommitOnAConnectionThePoolClosedIsAnUnreachableDatabase() {
        // seen with scripts/fault-disk-full.sh: JPA's commit after H2 closed the database (the first failure is gone)
        var commit = new JpaSystemException(new RuntimeException("Unable to commit against JDBC Connection",
                new SQLException("Connection is closed")));
        assertThat(Databases.unreachable(commit)).isTrue();
    }

    @Test
    void aFullDiskUnderPostgresqlIsADatabaseThatCannotWriteNow() {
        // the scan log's COPY on a full disk: the driver's error as it comes, and as Spring's JdbcTemplate wraps it
        var full = new SQLException("could not extend file \"base/16384/16397.3\": No space left on device", "53100");
        assertThat(Databases.unreachable(full)).isTrue();
        assertThat(Databases.unreachable(new org.springframework.jdbc.UncategorizedSQLException("ConnectionCallback",
                "copy scan_record ...", full))).isTrue();
        assertThat(Databases.unreachable(new SQLException("sorry, too many clients already", "53300"))).isTrue();
    }

    @Test
    void aBatchThatFailedOnTheFullDiskIsADatabaseThatCannotWriteNow() {
        // H2's batch failure: "General error" 50000; the I/O error is only in the chained next exception
        var write = new SQLException("General error: MVStoreException: Writing to FileChannel failed", "HY000", 50000,
                new RuntimeException("Writing failed", new java.io.IOException("No space left on device")));
        var batch = new java.sql.BatchUpdateException(write.getMessage(), "HY000", 50000, new int[0]);
        batch.setNextException(write);
        assertThat(Databases.unreachable(new org.springframework.jdbc.UncategorizedSQLException("ConnectionCallback",
                "insert into scan_record ...", batch))).isTrue();
    }

    @Test
    void aFaultInAQueryIsNot() {
        assertThat(Databases.unreachable(new SQLException("syntax error at or near \"selec\"", "42601"))).isFalse();
        assertThat(Databases.unreachable(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(Databases.unreachable(new IllegalStateException("a bug"))).isFalse();
        var badRow = new java.sql.BatchUpdateException("duplicate key", "23505", 0, new int[0]);
        badRow.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(Databases.unreachable(badRow)).isFalse();
    }
}

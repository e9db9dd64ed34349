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
    void aFaultInAQueryIsNot() {
        assertThat(Databases.unreachable(new SQLException("syntax error at or near \"selec\"", "42601"))).isFalse();
        assertThat(Databases.unreachable(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(Databases.unreachable(new IllegalStateException("a bug"))).isFalse();
    }
}

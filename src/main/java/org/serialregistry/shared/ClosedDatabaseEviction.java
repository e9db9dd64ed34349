package org.serialregistry.shared;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells HikariCP to throw away a connection whose database closed under it. H2 closes an embedded
 * database after a write failed (a full disk) and answers every later statement on the old connections
 * with error 90098 "The database has been closed", a SQLSTATE Hikari does not take for a broken
 * connection: the pool kept those connections, and the application never recovered after the disk had
 * room again (scripts/fault-disk-full.sh). Evicted, the next connection opens the database afresh.
 * Every other error is judged as Hikari always does (PostgreSQL's 08xxx and 57P0x already evict).
 */
public class ClosedDatabaseEviction implements SQLExceptionOverride {

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return Causes.any(e, t -> t instanceof SQLException sql && Databases.closedByH2(sql))
                ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}

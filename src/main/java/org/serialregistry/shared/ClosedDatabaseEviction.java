package org.serialregistry.shared;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells HikariCP to throw away a connection whose database closed under it. H2 closes an embedded
 * database after a write failed (a full disk) and answers every later statement on the old connections
 * with error 90098 "The database has been closed", a SQLSTATE Hikari does not take for a broken
 * connection: the pool kept those connections, and the application never recovered after the disk had
 * room again (scripts/fault-disk-full.sh). Evicted, the next connection opens the database afresh.
 * Every other error is judged as Hikari always does (PostgreSQL's 08xxx and 57P0x already evict).
 */
public class ClosedDatabaseEviction implements SQLExceptionOverride {

    private static final Logger log = LoggerFactory.getLogger(ClosedDatabaseEviction.class);
    private static final long REPORT_EVERY = TimeUnit.SECONDS.toNanos(10);
    private static final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY);
    private static final AtomicInteger unreported = new AtomicInteger();

    /**
     * Also reports the connections thrown away as lost, in one line at most every ten seconds. Hikari's
     * own report is a warning with the whole stack trace for every connection, and while H2's disk is
     * full every new connection reopens the database, fails and is thrown away too: hundreds of traces
     * in the disk-full script. {@code logging.level.com.zaxxer.hikari.pool.ProxyConnection} is therefore
     * {@code error}. Hikari asks this once for each exception of a failed statement's chain and evicts at
     * the first that says so.
     */
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        if (Causes.any(e, t -> t instanceof SQLException sql && Databases.closedByH2(sql))) {
            report("the database was closed under it", e);
            return SQLExceptionOverride.Override.MUST_EVICT;
        }
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
            // evicted by Hikari itself (connection exception, server shutting down)
            report("SQLSTATE " + state, e);
        }
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    private static void report(String why, SQLException e) {
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= REPORT_EVERY && lastReport.compareAndSet(last, now)) {
            int more = unreported.getAndSet(0);
            log.warn("A pooled connection is thrown away: {} ({}){}", why, e.getMessage(),
                    more == 0 ? "" : "; " + more + " more since the last report");
        } else {
            unreported.incrementAndGet();
        }
    }
}

package org.serialregistry.shared;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The rule every transaction manager of the application follows: a rollback which fails because the connection
 * is gone is not a second failure. When the database goes away (stopped, its disk full, H2 closed it) the work
 * fails first; its rollback then fails on the same dead connection, and Spring would throw the rollback's
 * exception instead of the work's, logging "Application exception overridden by rollback exception" at ERROR
 * with two stack traces for every request, job and scan-log batch that met the outage
 * (scripts/fault-disk-full.sh). A transaction on a lost connection is ended by the database itself, so the
 * failed rollback is logged at debug and the work's own failure reaches the caller (which answers 503, or tries
 * again later). Any other rollback failure is thrown as before.
 */
public final class OutageTolerantRollback {

    private static final Logger log = LoggerFactory.getLogger(OutageTolerantRollback.class);

    private OutageTolerantRollback() {
    }

    /** Runs {@code rollback}; swallows (and logs at debug) only a failure that means the connection is lost. */
    public static void rollback(Runnable rollback) {
        try {
            rollback.run();
        } catch (RuntimeException e) {
            if (!Databases.unreachable(e)) {
                throw e;
            }
            log.debug("Rollback on a lost connection skipped (the database ends the transaction): {}", e.toString());
        }
    }

    /** Spring's JDBC transaction manager under the same rule, for work that runs on a plain {@link DataSource}. */
    public static DataSourceTransactionManager dataSourceTransactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource) {
            @Override
            protected void doRollback(DefaultTransactionStatus status) {
                OutageTolerantRollback.rollback(() -> super.doRollback(status));
            }
        };
    }
}

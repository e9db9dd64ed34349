package org.serialregistry;

import org.serialregistry.shared.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The application's transaction manager: Spring Boot's {@link JpaTransactionManager}, except that a rollback
 * which fails because the connection is gone is not a second failure. When the database goes away (stopped,
 * its disk full, H2 closed it) the work fails first; its rollback then fails on the same dead connection, and
 * Spring threw the rollback's exception instead of the work's, logging "Application exception overridden by
 * rollback exception" at ERROR with two stack traces for every request and job that met the outage
 * (scripts/fault-disk-full.sh). A transaction on a lost connection is rolled back by the database itself, so
 * the failed rollback is logged at debug and the work's own failure reaches the caller (which answers 503, or
 * tries again later).
 */
@Configuration(proxyBeanMethods = false)
class OutageTolerantTransactions {

    @Bean
    JpaTransactionManager transactionManager(ObjectProvider<TransactionManagerCustomizers> customizers) {
        var manager = new OutageTolerantJpaTransactionManager();
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }

    static class OutageTolerantJpaTransactionManager extends JpaTransactionManager {

        private static final Logger log = LoggerFactory.getLogger(OutageTolerantTransactions.class);

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            try {
                super.doRollback(status);
            } catch (RuntimeException e) {
                if (!Databases.unreachable(e)) {
                    throw e;
                }
                log.debug("Rollback on a lost connection skipped (the database ends the transaction): {}", e.toString());
            }
        }
    }
}

package org.serialregistry;

import org.serialregistry.shared.OutageTolerantRollback;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The application's transaction manager: Spring Boot's {@link JpaTransactionManager} under
 * {@link OutageTolerantRollback}'s rule (a rollback that fails because the connection is gone does not hide the
 * work's own failure, and logs no stack trace).
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

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            OutageTolerantRollback.rollback(() -> super.doRollback(status));
        }
    }
}

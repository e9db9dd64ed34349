package org.serialregistry.verification;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Test support: counts the database connections taken by the current thread, so a test can prove
 * that a request was answered without touching the database. (Picked up by the application's
 * component scan in tests only; it wraps the DataSource and changes nothing else.)
 */
@Component
class ConnectionCounter implements BeanPostProcessor {

    private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

    static void reset() {
        COUNT.get()[0] = 0;
    }

    static int count() {
        return COUNT.get()[0];
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && !(bean instanceof Counted)) {
            return new Counted(ds);
        }
        return bean;
    }

    /** The application's data source, counting (it may be wrapped already, e.g. by the disk reserve's guard). */
    private static final class Counted extends DelegatingDataSource {

        Counted(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            COUNT.get()[0]++;
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            COUNT.get()[0]++;
            return super.getConnection(username, password);
        }
    }
}

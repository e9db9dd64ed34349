package org.serialregistry;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.util.unit.DataSize;

/**
 * The disk under the embedded H2 database. H2 does not survive a full disk reliably: after a write fails with
 * ENOSPC it may go on writing later chunks into reused space of its file that point at the chunk it could not
 * write, and the file then cannot be opened again ("unable to recover a valid set of chunks", seen in 4 of 12
 * runs of scripts/fault-disk-full.sh). So the registry does not let H2 get there: while the free space on that
 * disk is below {@code serial-registry.h2.disk-reserve} (32 MB unless set; 0 turns the guard off), no connection
 * is handed out or opened, each attempt failing at once with an error that says so. The application treats it
 * as any database outage (public answers from what is cached, 503 otherwise, scans queued until they can be
 * written, jobs wait for their next turn), health component {@code databaseDisk} is DOWN with the free space,
 * and all goes on by itself once space is freed. On PostgreSQL nothing changes: the server guards its own disk.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseDisk {

    static final String RESERVE = "serial-registry.h2.disk-reserve";

    @Bean
    static BeanPostProcessor embeddedDatabaseDiskReserve(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                HikariDataSource pool = bean instanceof DataSource dataSource ? Databases.unwrap(dataSource, HikariDataSource.class) : null;
                if (pool != null && Databases.unwrap((DataSource) bean, Guarded.class) == null) {
                    Reserve reserve = Reserve.of(pool.getJdbcUrl(), environment);
                    if (reserve != null) {
                        return reserve.guard(pool, (DataSource) bean);
                    }
                }
                return bean;
            }
        };
    }

    /** Health component {@code databaseDisk}: only where the guard is (an embedded H2 file database, a reserve). */
    @Bean("databaseDiskHealthIndicator")
    @Conditional(Guards.class)
    HealthIndicator databaseDiskHealth(DataSource dataSource) {
        Reserve reserve = Objects.requireNonNull(Reserve.of(dataSource), "the data source is not guarded");
        return () -> {
            long free = reserve.usable();
            var health = free >= reserve.bytes ? Health.up() : Health.down().withDetail("error", reserve.problem(free));
            return health.withDetail("folder", reserve.folder.toString()).withDetail("freeBytes", free)
                    .withDetail("reserveBytes", reserve.bytes).build();
        };
    }

    /** True when the application's database gets the guard. */
    static final class Guards implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Reserve.of(context.getEnvironment().getProperty("spring.datasource.url"), context.getEnvironment()) != null;
        }
    }

    /** The free space H2's disk must keep, and the check of it (its figure at most 100 ms old). */
    static final class Reserve {

        private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseDisk.class);
        private static final long FRESH_NANOS = 100_000_000L;

        final Path folder;
        final long bytes;
        private volatile @Nullable FileStore store;
        private volatile long checkedAt = System.nanoTime() - FRESH_NANOS;
        private volatile long usable = Long.MAX_VALUE;
        private volatile boolean low;
        /** How the free space is found: the file system's figure; a test's own figure (a full disk needs root). */
        private volatile @Nullable LongSupplier measure;

        Reserve(Path folder, long bytes) {
            this.folder = folder;
            this.bytes = bytes;
        }

        /** The reserve of an embedded H2 file database; null for any other database or with the guard off. */
        static @Nullable Reserve of(@Nullable String url, Environment environment) {
            Path file = Databases.h2File(url);
            long bytes = Binder.get(environment).bind(RESERVE, DataSize.class).orElse(DataSize.ofMegabytes(32)).toBytes();
            if (file == null || file.getParent() == null || bytes <= 0) {
                return null;
            }
            return new Reserve(file.getParent(), bytes);
        }

        static @Nullable Reserve of(DataSource dataSource) {
            Guarded guarded = Databases.unwrap(dataSource, Guarded.class);
            return guarded == null ? null : guarded.reserve;
        }

        /**
         * Guards both ways in: the application's borrowing from the pool, and the pool's opening of connections
         * (H2 opens its file again on the first one after it closed the database).
         */
        DataSource guard(HikariDataSource pool, DataSource bean) {
            try {
                var opener = new DriverDataSource(pool.getJdbcUrl(), pool.getDriverClassName(),
                        pool.getDataSourceProperties(), pool.getUsername(), pool.getPassword());
                pool.setDataSource(new Guarded(opener, this));
            } catch (IllegalStateException started) {
                log.warn("The connection pool was started already; only borrowing is guarded: {}", started.getMessage());
            }
            return new Guarded(bean, this);
        }

        long usable() {
            long now = System.nanoTime();
            if (now - checkedAt >= FRESH_NANOS) {
                checkedAt = now;
                LongSupplier own = measure;
                if (own != null) {
                    usable = own.getAsLong();
                    return usable;
                }
                try {
                    FileStore fileStore = store;
                    if (fileStore == null) {
                        Files.createDirectories(folder);
                        fileStore = Files.getFileStore(folder);
                        store = fileStore;
                    }
                    usable = fileStore.getUsableSpace();
                } catch (IOException e) {
                    usable = Long.MAX_VALUE; // cannot tell: H2 will report what it meets
                }
            }
            return usable;
        }

        /** For tests: the free space {@code figure} says from now on (null: the file system's again). */
        void measuredBy(@Nullable LongSupplier figure) {
            measure = figure;
            checkedAt = System.nanoTime() - FRESH_NANOS;
        }

        void check() throws SQLTransientConnectionException {
            long free = usable();
            if (free < bytes) {
                if (!low) {
                    low = true;
                    log.warn("Database paused: {}", problem(free));
                }
                throw new SQLTransientConnectionException(problem(free), "08001");
            }
            if (low) {
                low = false;
                log.info("The disk under the database has room again ({} MB free in {}): database resumed",
                        free >> 20, folder);
            }
        }

        String problem(long free) {
            return "the disk under the database is full: %d MB free in %s, the registry keeps %d MB in reserve and does "
                    .formatted(free >> 20, folder, bytes >> 20)
                    + "not use the database until there is room again (free space there, or set " + RESERVE + ")";
        }
    }

    /** A data source whose connections are refused while the disk is below its reserve. */
    static final class Guarded extends DelegatingDataSource {

        final Reserve reserve;

        Guarded(DataSource target, Reserve reserve) {
            super(target);
            this.reserve = reserve;
        }

        @Override
        public Connection getConnection() throws SQLException {
            reserve.check();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            reserve.check();
            return super.getConnection(username, password);
        }
    }
}

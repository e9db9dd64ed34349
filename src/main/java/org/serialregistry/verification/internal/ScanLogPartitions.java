package org.serialregistry.verification.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.serialregistry.shared.OutageTolerantRollback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the monthly partitions of the scan log on PostgreSQL: creates the coming months ahead and
 * drops the months older than the retention ({@link ScanLogRetentionProperties}). Every replica
 * schedules it; a transaction-scoped advisory lock lets one run at a time, and the others skip (the
 * work is idempotent, so the next run of any replica catches up). On H2 it does nothing.
 * <p>
 * A month that already has rows in the default partition (a clock set wrong, or scans older than the
 * partitions) is created by moving those rows into it first, so creating a partition never fails.
 */
@Component
public class ScanLogPartitions {

    /** Advisory lock key: "scanlog" in ASCII, unique among this application's locks. */
    static final long LOCK_KEY = 0x7363616e6c6f67L;

    private static final Logger log = LoggerFactory.getLogger(ScanLogPartitions.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'scan_record_y'yyyy'm'MM");

    /** What one run did: skipped (another replica held the lock, or not PostgreSQL), months created and dropped. */
    public record Maintenance(boolean ran, List<String> created, List<String> dropped, long defaultRowsDeleted) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ScanLogRetentionProperties properties;
    private final DataSource dataSource;
    private volatile Boolean partitioned;

    ScanLogPartitions(DataSource dataSource, Clock clock, ScanLogRetentionProperties properties) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(OutageTolerantRollback.dataSourceTransactionManager(dataSource));
        this.clock = clock;
        this.properties = properties;
        this.dataSource = dataSource;
    }

    @Scheduled(cron = "${serial-registry.scan.retention.cron:0 17 3 * * *}", zone = "UTC")
    void scheduled() {
        var done = maintain();
        if (!done.created().isEmpty() || !done.dropped().isEmpty()) {
            log.info("Scan log partitions: created {}, dropped {} (retention {})", done.created(), done.dropped(),
                    properties.keep());
        }
    }

    /** Runs the maintenance now, unless another replica is running it. */
    public Maintenance maintain() {
        if (partitioned == null) {
            partitioned = isPostgres(dataSource);
        }
        if (!partitioned) {
            return new Maintenance(false, List.of(), List.of(), 0);
        }
        return tx.execute(status -> {
            if (!jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK_KEY).query(Boolean.class).single()) {
                return new Maintenance(false, List.of(), List.of(), 0);
            }
            // never queue behind a long report on the log: the next run tries again
            jdbc.sql("set local lock_timeout = '10s'").update();
            var existing = partitions();
            YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
            var created = new ArrayList<String>();
            for (int i = 0; i <= properties.monthsAhead(); i++) {
                var month = now.plusMonths(i);
                if (!existing.contains(name(month))) {
                    create(month);
                    created.add(name(month));
                }
            }
            var dropped = new ArrayList<String>();
            long deleted = 0;
            if (!properties.keep().isZero()) {
                var cutoff = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(properties.keep());
                for (String partition : existing) {
                    var month = monthOf(partition);
                    if (month.isPresent() && !start(month.get().plusMonths(1)).isAfter(cutoff)) {
                        jdbc.sql("drop table " + partition).update();
                        dropped.add(partition);
                    }
                }
                deleted = jdbc.sql("delete from scan_record_default where scanned_at < ?").param(cutoff).update();
            }
            return new Maintenance(true, created, dropped, deleted);
        });
    }

    /** Names of the monthly partitions that exist, oldest first. */
    public List<String> partitions() {
        return jdbc.sql("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                        where i.inhparent = 'scan_record'::regclass and c.relname like 'scan\\_record\\_y%' order by c.relname""")
                .query(String.class).list();
    }

    private void create(YearMonth month) {
        String table = name(month);
        var from = start(month);
        var to = start(month.plusMonths(1));
        jdbc.sql("create table " + table + " (like scan_record including defaults including constraints)").update();
        jdbc.sql("with moved as (delete from scan_record_default where scanned_at >= ? and scanned_at < ? returning *) "
                + "insert into " + table + " select * from moved").param(from).param(to).update();
        jdbc.sql("alter table scan_record attach partition " + table + " for values from ('" + from + "') to ('" + to
                + "')").update();
    }

    private static String name(YearMonth month) {
        return NAME.format(month);
    }

    private static Optional<YearMonth> monthOf(String partition) {
        try {
            return Optional.of(YearMonth.parse(partition.substring("scan_record_y".length()).replace('m', '-')));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("could not tell the database product", e);
        }
    }
}

package org.serialregistry.verification.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.serialregistry.db.EmbeddedPostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real PostgreSQL: migration V0160 turns an existing scan log with rows into a table partitioned
 * by month without losing a row, and the retention job creates months ahead, drops the months older
 * than the retention and lets only one replica work at a time.
 */
// one database for the story, in order: migrated, then the job runs at later and later dates
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanLogPartitionsTest {

    static DataSource db;
    static JdbcTemplate jdbc;
    static long seqBefore;

    @BeforeAll
    static void anExistingScanLogIsMigrated() {
        db = EmbeddedPostgresServer.freshDataSource("scan_partitions");
        jdbc = new JdbcTemplate(db);
        var flyway = Flyway.configure().dataSource(db)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql");
        // the last migration before V0160, whichever that is once other branches add theirs
        var before = java.util.Arrays.stream(flyway.load().info().all()).map(m -> m.getVersion())
                .filter(v -> v.isNewerThan("0160") == false && !v.getVersion().equals("0160")).max(Comparable::compareTo)
                .orElseThrow();
        flyway.target(before).load().migrate();
        scan("GENUINE1", "2025-06-15T10:00:00Z");
        scan("GENUINE2", "2026-11-20T23:59:59Z");
        scan("GENUINE3", "2026-12-01T00:00:00Z");
        seqBefore = jdbc.queryForObject("select max(seq) from scan_record", Long.class);
        assertThat(relkind()).as("plain table before V0160").isEqualTo("r");
        flyway.target("latest").load().migrate();
    }

    @Test
    @Order(1)
    void theMigratedLogIsPartitionedByMonthAndKeepsEveryRowInItsMonth() {
        assertThat(relkind()).isEqualTo("p");
        assertThat(partitionOf("GENUINE1")).isEqualTo("scan_record_y2025m06");
        assertThat(partitionOf("GENUINE2")).isEqualTo("scan_record_y2026m11");
        assertThat(partitionOf("GENUINE3")).isEqualTo("scan_record_y2026m12");
        assertThat(jdbc.queryForObject("select unit_serial from scan_record where serial = 'GENUINE2'", String.class))
                .isEqualTo("GENUINE2");
        // the serial index of the portal's scan log came along, on every month
        assertThat(jdbc.queryForObject("select count(*) from pg_indexes where tablename = 'scan_record_y2026m11' "
                + "and indexdef like '%(unit_serial)%'", Integer.class)).isEqualTo(1);
        // new scans continue the sequence (the detector and the portal order by it)
        scan("AFTER1", "2026-11-25T08:00:00Z");
        assertThat(jdbc.queryForObject("select seq from scan_record where serial = 'AFTER1'", Long.class))
                .isGreaterThan(seqBefore);
    }

    @Test
    @Order(3)
    void retentionDropsOldMonthsCreatesTheComingOnesAndMovesStrayRowsOutOfTheDefaultPartition() {
        // scans the partitions did not cover land in the default partition, never refused
        scan("FUTURE1", "2030-02-10T12:00:00Z");
        scan("ANCIENT1", "2020-01-01T00:00:00Z");
        assertThat(partitionOf("FUTURE1")).isEqualTo("scan_record_default");
        var job = job(Instant.parse("2030-01-15T03:17:00Z"), Duration.ofDays(365));

        var done = job.maintain();

        assertThat(done.ran()).isTrue();
        assertThat(done.created()).containsExactly("scan_record_y2030m01", "scan_record_y2030m02",
                "scan_record_y2030m03", "scan_record_y2030m04");
        assertThat(done.dropped()).contains("scan_record_y2025m06", "scan_record_y2026m11", "scan_record_y2026m12");
        assertThat(partitionOf("FUTURE1")).as("moved into its new month").isEqualTo("scan_record_y2030m02");
        assertThat(done.defaultRowsDeleted()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from scan_record where serial in ('GENUINE1', 'GENUINE2', "
                + "'ANCIENT1')", Integer.class)).as("older than a year: gone").isZero();
        assertThat(job.partitions()).first().isEqualTo("scan_record_y2030m01");
        // a second run has nothing left to do
        var again = job.maintain();
        assertThat(again.created()).isEmpty();
        assertThat(again.dropped()).isEmpty();
    }

    @Test
    @Order(2)
    void whileAnotherReplicaRunsTheJobThisOneSkipsAndChangesNothing() throws Exception {
        var job = job(Instant.parse("2040-06-01T00:00:00Z"), Duration.ofDays(30));
        var before = job.partitions();
        try (var other = db.getConnection(); var s = other.createStatement()) {
            s.execute("select pg_advisory_lock(" + ScanLogPartitions.LOCK_KEY + ")");

            var done = job.maintain();

            assertThat(done.ran()).isFalse();
            assertThat(job.partitions()).isEqualTo(before);
            s.execute("select pg_advisory_unlock(" + ScanLogPartitions.LOCK_KEY + ")");
        }
    }

    @Test
    @Order(4)
    void zeroRetentionKeepsEveryMonth() {
        var job = job(Instant.parse("2031-03-01T00:00:00Z"), Duration.ZERO);
        var done = job.maintain();
        assertThat(done.dropped()).isEmpty();
        assertThat(done.created()).contains("scan_record_y2031m03");
    }

    private static ScanLogPartitions job(Instant now, Duration keep) {
        return new ScanLogPartitions(db, Clock.fixed(now, ZoneOffset.UTC), new ScanLogRetentionProperties(keep, 3, "-"));
    }

    private static void scan(String serial, String at) {
        jdbc.update("insert into scan_record (id, scanned_at, gtin, serial, outcome, client_key, session_id, "
                        + "user_agent_class, unit_status, unit_serial) values (?, ?, '09506000134352', ?, 'GENUINE', "
                        + "'client', 'session', 'mobile', 'ACTIVE', ?)", UUID.randomUUID(),
                OffsetDateTime.parse(at), serial, serial);
    }

    private static String relkind() {
        return jdbc.queryForObject("select relkind::text from pg_class where relname = 'scan_record'", String.class);
    }

    private static String partitionOf(String serial) {
        return jdbc.queryForObject("select tableoid::regclass::text from scan_record where serial = ?", String.class, serial);
    }
}

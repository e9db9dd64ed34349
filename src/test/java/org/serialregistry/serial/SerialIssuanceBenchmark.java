package org.serialregistry.serial;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.serialregistry.Application;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Issues 1,000,000 serials end to end (generate, persist the units, append the commissioning
 * event, complete the batch) through {@link SerialIssuance} and prints serials per second next to
 * the raw bulk-insert rate of the same database, measured in the same run into a table of the same
 * shape as {@code unit} (same columns, primary key, indexes and foreign key): COPY on PostgreSQL,
 * batched INSERT on H2. The raw insert runs before and after the issue; the faster of the two is
 * the baseline. A benchmark, not a test: surefire skips it unless named.
 * <pre>
 * ./mvnw -q test -Dtest=SerialIssuanceBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx512m
 *   -Dbench.db=h2,postgres   (default both)    -Dbench.units=1000000   (default)
 * </pre>
 */
class SerialIssuanceBenchmark {

    private static final String PHONE = "09506000134352";
    private static final int WARM_UP = 20_000;

    @Test
    void issueOneMillionSerialsAgainstTheRawBulkInsertRate() throws Exception {
        int units = Integer.getInteger("bench.units", 1_000_000);
        var dbs = System.getProperty("bench.db", "h2,postgres").split(",");
        var rows = new ArrayList<String>();
        for (String db : dbs) {
            rows.add(switch (db.trim()) {
                case "h2" -> runH2(units);
                case "postgres" -> runPostgres(units);
                default -> throw new IllegalArgumentException("bench.db: h2 or postgres, got " + db);
            });
        }
        System.out.printf(Locale.ROOT, "%nSerial issuance benchmark: %,d serials a batch, %d cores, max heap %d MB, %s %s%n",
                units, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.println("| database | issued end to end (serials/s) | raw bulk insert, same table shape (rows/s) | ratio |");
        System.out.println("|---|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private String runH2(int units) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/bench"));
        String file = dir.toAbsolutePath().resolve("h2-" + System.currentTimeMillis()).toString();
        try (var context = start("--spring.datasource.url=jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE",
                "--spring.datasource.username=sa")) {
            return measure(context, "H2 " + version(context) + " (file)", "batched INSERT", units);
        } finally {
            Files.deleteIfExists(Path.of(file + ".mv.db"));
            Files.deleteIfExists(Path.of(file + ".trace.db"));
        }
    }

    private String runPostgres(int units) throws Exception {
        try (var pg = EmbeddedPostgres.builder().start();
             var context = start("--spring.profiles.active=postgres",
                     "--spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"),
                     "--spring.datasource.username=postgres", "--spring.datasource.password=")) {
            return measure(context, "PostgreSQL " + version(context), "COPY", units);
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server.port=0", "--serial-registry.demo.enabled=true",
                "--serial-registry.keys.demo-file=target/bench/serial-keys.properties",
                "--logging.level.root=warn",
                "--logging.level.org.serialregistry.serial.internal.BatchRunner=debug", "--spring.main.banner-mode=off"));
        return new SpringApplicationBuilder(Application.class).run(all.toArray(String[]::new));
    }

    private String measure(ConfigurableApplicationContext context, String database, String baselineKind, int units)
            throws Exception {
        var issuance = context.getBean(SerialIssuance.class);
        var dataSource = context.getBean(DataSource.class);
        boolean postgres = database.startsWith("PostgreSQL");
        signIn();
        try {
            createBaselineTable(dataSource);
            // Warm-up of both paths (JIT, connection pool, page cache), not measured
            UUID warmBatch = issueAndWait(issuance, "WARMUP", WARM_UP, LocalDate.now().minusDays(2));
            rawInsert(dataSource, postgres, warmBatch, "W", WARM_UP);

            quiesce(dataSource, postgres);
            long t0 = System.nanoTime();
            rawInsert(dataSource, postgres, warmBatch, "B", units);
            double rawSeconds = (System.nanoTime() - t0) / 1e9;
            quiesce(dataSource, postgres);

            long t1 = System.nanoTime();
            UUID batch = issueAndWait(issuance, "BENCH1M", units, LocalDate.now().minusDays(1));
            double issueSeconds = (System.nanoTime() - t1) / 1e9;
            quiesce(dataSource, postgres);

            // The raw rate once more after the issue: the baseline is the better of the two runs
            long t2 = System.nanoTime();
            rawInsert(dataSource, postgres, warmBatch, "C", units);
            rawSeconds = Math.min(rawSeconds, (System.nanoTime() - t2) / 1e9);

            var view = issuance.batch(batch).orElseThrow();
            if (view.status() != BatchStatus.COMPLETED || view.issuedCount() != units) {
                throw new IllegalStateException("benchmark batch did not complete: " + view);
            }
            double issued = units / issueSeconds;
            double raw = units / rawSeconds;
            return String.format(Locale.ROOT, "| %s | %,.0f (%.1f s) | %,.0f (%s, %.1f s) | %.2f |", database, issued,
                    issueSeconds, raw, baselineKind, rawSeconds, issued / raw);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static UUID issueAndWait(SerialIssuance issuance, String lot, int units, LocalDate day)
            throws InterruptedException {
        var request = new IssueBatchRequest(PHONE, lot, "DE-MUC", "L2", units, day, null, "DE", null);
        var batch = issuance.issue(request, "bench-" + UUID.randomUUID(), false).batch();
        while (true) {
            var now = issuance.batch(batch.id()).orElseThrow();
            if (now.status() == BatchStatus.COMPLETED || now.status() == BatchStatus.FAILED) {
                return now.id();
            }
            Thread.sleep(100);
        }
    }

    /**
     * Untimed: lets the database finish the work a million inserted rows leave behind (PostgreSQL's
     * autovacuum, H2's checkpoint), so that it does not run into the next measured phase.
     */
    private static void quiesce(DataSource dataSource, boolean postgres) throws Exception {
        System.gc();
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            if (postgres) {
                s.execute("vacuum analyze");
            } else {
                s.execute("checkpoint sync");
            }
        }
    }

    /** The same columns, primary key, indexes and foreign key as {@code unit} (V0010). */
    private static void createBaselineTable(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("""
                    create table bench_unit (
                        serial          varchar(20) not null primary key,
                        gtin            varchar(14) not null,
                        lot             varchar(20) not null,
                        batch_id        uuid        not null references serial_batch (id),
                        production_date date        not null,
                        expiry_date     date,
                        facility_number integer     not null,
                        line_number     integer     not null,
                        intended_market varchar(2)  not null)""");
            s.execute("create index bench_unit_batch_idx on bench_unit (batch_id)");
            s.execute("create index bench_unit_lot_idx on bench_unit (gtin, lot)");
        }
    }

    /**
     * The database's own bulk path in one transaction, rows in primary-key order (the cheapest
     * order for the index): COPY FROM STDIN on PostgreSQL, INSERT batches of 5,000 on H2.
     */
    private static void rawInsert(DataSource dataSource, boolean postgres, UUID batchId, String prefix, int count)
            throws Exception {
        LocalDate day = LocalDate.now().minusDays(1);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (postgres) {
                try (var out = new PGCopyOutputStream(c.unwrap(PGConnection.class),
                        "copy bench_unit (serial, gtin, lot, batch_id, production_date, expiry_date, facility_number, "
                                + "line_number, intended_market) from stdin", 1 << 16);
                     Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                    String tail = "\t" + PHONE + "\tRAWLOT\t" + batchId + "\t" + day + "\t\\N\t1\t2\tDE\n";
                    for (int i = 0; i < count; i++) {
                        w.write(key(prefix, i));
                        w.write(tail);
                    }
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("insert into bench_unit (serial, gtin, lot, batch_id, "
                        + "production_date, expiry_date, facility_number, line_number, intended_market) "
                        + "values (?,?,?,?,?,?,?,?,?)")) {
                    for (int i = 0; i < count; i++) {
                        ps.setString(1, key(prefix, i));
                        ps.setString(2, PHONE);
                        ps.setString(3, "RAWLOT");
                        ps.setObject(4, batchId);
                        ps.setObject(5, day);
                        ps.setObject(6, null);
                        ps.setInt(7, 1);
                        ps.setInt(8, 2);
                        ps.setString(9, "DE");
                        ps.addBatch();
                        if ((i + 1) % 5000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
        }
    }

    /** 20 characters like a serial, ascending with i. */
    private static String key(String prefix, int i) {
        String n = Integer.toString(i, 32).toUpperCase(Locale.ROOT);
        return prefix + "0".repeat(19 - n.length()) + n;
    }

    private static String version(ConfigurableApplicationContext context) throws Exception {
        try (Connection c = context.getBean(DataSource.class).getConnection()) {
            return c.getMetaData().getDatabaseProductVersion().split(" ")[0];
        }
    }

    private static void signIn() {
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("benchmark", null,
                AuthorityUtils.createAuthorityList("ROLE_PRODUCTION")));
        SecurityContextHolder.setContext(ctx);
    }
}

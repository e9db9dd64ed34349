package org.serialregistry.recall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.serialregistry.Application;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitSelection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.awaitility.Awaitility.await;

/**
 * Recalls one lot of {@code bench.units} units (default 1,000,000) through {@link RecallCampaigns}: the
 * signed start, then the background job until every unit is RECALLED (one lifecycle event per chunk,
 * custody holders, owner look-up, the campaign's unit table, the cursor). Prints the time and units
 * per second next to a plain {@code UPDATE ... SET status = 'RECALLED'} of the same rows (copied into
 * a table of serial, GTIN, lot and status) in the same run, before and after the recall; the faster
 * of the two is the baseline. A benchmark, not a test: surefire skips it unless named.
 * <pre>
 * scripts/recall-benchmark.sh   (or: ./mvnw -q test -Dtest=RecallBenchmark -Dsurefire.failIfNoSpecifiedTests=false)
 *   -Dbench.db=h2,postgres (default h2)   -Dbench.units=1000000   -Dbench.chunk=2000 (the job's chunk size)
 * </pre>
 */
class RecallBenchmark {

    private static final String PHONE = "09506000134352";

    @Test
    void recallOneMillionUnitsAgainstAPlainUpdateOfTheSameRows() throws Exception {
        int units = Integer.getInteger("bench.units", 1_000_000);
        var rows = new ArrayList<String>();
        for (String db : System.getProperty("bench.db", "h2").split(",")) {
            rows.add(switch (db.trim()) {
                case "h2" -> runH2(units);
                case "postgres" -> runPostgres(units);
                default -> throw new IllegalArgumentException("bench.db: h2 or postgres, got " + db);
            });
        }
        System.out.printf(Locale.ROOT, "%nRecall benchmark: one lot of %,d units, chunks of %s, %d cores, max heap %d MB, "
                        + "%s %s, load average %.1f%n", units, System.getProperty("bench.chunk", "2000"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| database | recall, signed start to all RECALLED (units/s) | plain UPDATE of the same rows (rows/s) | ratio |");
        System.out.println("|---|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private String runH2(int units) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/bench"));
        String file = dir.toAbsolutePath().resolve("recall-h2-" + System.currentTimeMillis()).toString();
        try (var context = start("--spring.datasource.url=jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE",
                "--spring.datasource.username=sa")) {
            return measure(context, "H2 (file)", units);
        } finally {
            Files.deleteIfExists(Path.of(file + ".mv.db"));
            Files.deleteIfExists(Path.of(file + ".trace.db"));
        }
    }

    private String runPostgres(int units) throws Exception {
        try (var pg = EmbeddedPostgres.builder().start();
             var context = start("--spring.profiles.active=postgres",
                     "--spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"),
                     "--spring.datasource.username=postgres", "--spring.datasource.password=",
                     "--serial-registry.demo.enabled=true")) {
            return measure(context, "PostgreSQL", units);
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server.port=0", "--serial-registry.demo.enabled=true",
                "--serial-registry.keys.demo-file=target/bench/serial-keys.properties",
                "--serial-registry.recall.chunk-size=" + System.getProperty("bench.chunk", "2000"),
                "--logging.level.root=warn", "--spring.main.banner-mode=off"));
        return new SpringApplicationBuilder(Application.class).run(all.toArray(String[]::new));
    }

    private String measure(ConfigurableApplicationContext context, String database, int units) throws Exception {
        var issuance = context.getBean(SerialIssuance.class);
        var recalls = context.getBean(RecallCampaigns.class);
        var dataSource = context.getBean(DataSource.class);
        boolean postgres = database.startsWith("PostgreSQL");
        signIn();
        try {
            String lot = "RCBENCH" + (System.currentTimeMillis() % 10_000);
            issueAndWait(issuance, lot, units);
            try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
                s.execute("create table bench_unit_status (serial varchar(20) not null primary key, "
                        + "gtin varchar(14) not null, lot varchar(20) not null, status varchar(16) not null)");
                s.execute("insert into bench_unit_status (serial, gtin, lot, status) select serial, gtin, lot, 'ACTIVE' "
                        + "from unit where gtin = '" + PHONE + "' and lot = '" + lot + "'");
            }
            quiesce(dataSource, postgres);
            double update1 = plainUpdate(dataSource, lot);
            quiesce(dataSource, postgres);

            long t0 = System.nanoTime();
            var campaign = recalls.start(new NewRecallCampaign(new UnitSelection(PHONE, List.of(lot), List.of(), null, null,
                            null, null), "Benchmark recall", RecallSeverity.CLASS_II, RecallRemedy.REPAIR, "Benchmark."),
                    new RecallSignature("quality", SignatureMeaning.APPROVAL, "quality"));
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            await().pollInSameThread().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofHours(2))
                    .until(() -> recalls.campaign(campaign.id()).orElseThrow().state() == CampaignState.ACTIVE);
            double recallSeconds = (System.nanoTime() - t0) / 1e9;
            long recalled = recalls.campaign(campaign.id()).orElseThrow().affectedUnits();
            if (recalled != units) {
                throw new IllegalStateException("recalled " + recalled + " of " + units);
            }
            quiesce(dataSource, postgres);
            double update2 = plainUpdate(dataSource, lot);
            double update = Math.min(update1, update2);
            double recallRate = units / recallSeconds;
            double updateRate = units / update;
            System.out.printf(Locale.ROOT, "%s: signed start %.3f s (public page warns from here), all RECALLED after "
                    + "%.1f s; plain UPDATE %.2f s / %.2f s%n", database, startSeconds, recallSeconds, update1, update2);
            return String.format(Locale.ROOT, "| %s | %,.0f (%.1f s) | %,.0f (%.2f s) | **%.3f** |", database, recallRate,
                    recallSeconds, updateRate, update, recallRate / updateRate);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Seconds for one UPDATE of every row of the lot to RECALLED and back to ACTIVE untimed. */
    private static double plainUpdate(DataSource dataSource, String lot) throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            long t = System.nanoTime();
            int n = s.executeUpdate("update bench_unit_status set status = 'RECALLED' where gtin = '" + PHONE
                    + "' and lot = '" + lot + "'");
            c.commit();
            double seconds = (System.nanoTime() - t) / 1e9;
            s.executeUpdate("update bench_unit_status set status = 'ACTIVE'");
            c.commit();
            if (n == 0) {
                throw new IllegalStateException("the plain UPDATE found no rows");
            }
            return seconds;
        }
    }

    private static void issueAndWait(SerialIssuance issuance, String lot, int units) {
        var request = new IssueBatchRequest(PHONE, lot, "DE-MUC", "L2", units, LocalDate.now().minusDays(1), null, "DE", null);
        var batch = issuance.issue(request, "bench-" + UUID.randomUUID(), false).batch();
        await().pollInSameThread().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofHours(1)).until(() -> {
            var now = issuance.batch(batch.id()).orElseThrow();
            if (now.status() == BatchStatus.FAILED) {
                throw new IllegalStateException("issue failed: " + now);
            }
            return now.status() == BatchStatus.COMPLETED;
        });
    }

    private static void quiesce(DataSource dataSource, boolean postgres) throws Exception {
        System.gc();
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(postgres ? "vacuum analyze" : "checkpoint sync");
        }
    }

    private static void signIn() {
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("quality", null,
                AuthorityUtils.createAuthorityList("ROLE_QUALITY", "ROLE_PRODUCTION")));
        SecurityContextHolder.setContext(ctx);
    }
}

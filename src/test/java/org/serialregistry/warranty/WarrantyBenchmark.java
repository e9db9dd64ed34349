package org.serialregistry.warranty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.serialregistry.Application;
import org.serialregistry.quality.QualityDashboard;
import org.serialregistry.quality.RateDimension;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Benchmark, not a timed test (surefire runs only *Test classes). With 1,000,000 units, 200,000
 * registrations and 50,000 claims loaded, on H2 (file) and on PostgreSQL (embedded, a real server):
 * automatic adjudication throughput through {@link ClaimIntake#submit} and the time of each
 * claim-rate dashboard query, printed next to a plain {@code count(*)} over the claims table
 * measured in the same run.
 * <p>
 * Run: {@code ./mvnw -q test -Dtest=WarrantyBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (-Dbench.units=..., -Dbench.adjudications=... scale it; -Dbench.db=h2 or postgres runs one database).
 */
class WarrantyBenchmark {

    static final int UNITS = Integer.getInteger("bench.units", 1_000_000);
    static final int REGISTRATIONS = Integer.getInteger("bench.registrations", 200_000);
    static final int CLAIMS = Integer.getInteger("bench.claims", 50_000);
    static final int ADJUDICATIONS = Integer.getInteger("bench.adjudications", 2_000);
    static final int LOTS = 40;
    static final String PHONE = "09506000134352";
    static final String CHARGER = "04006381333931";
    static final DefectCode[] DEFECTS = {DefectCode.DISPLAY, DefectCode.DISPLAY, DefectCode.BATTERY, DefectCode.POWER,
            DefectCode.MECHANICAL, DefectCode.CONNECTIVITY, DefectCode.SOFTWARE, DefectCode.WATER_DAMAGE};

    @Test
    void adjudicationThroughputAndDashboardQueryTimes() throws Exception {
        String which = System.getProperty("bench.db", "both");
        var report = new StringBuilder();
        report.append("\nWarranty benchmark: ").append(UNITS).append(" units, ").append(REGISTRATIONS)
                .append(" registrations, ").append(CLAIMS).append(" claims; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ")
                .append(Runtime.version().feature()).append('\n');
        if (!which.equals("postgres")) {
            Path dir = Path.of("target", "warranty-benchmark");
            deleteRecursively(dir);
            Files.createDirectories(dir);
            report.append(run("H2 (file)", Map.of("spring.datasource.url",
                    "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db")
                            // H2 would otherwise hand back the previous result of an identical query
                            + ";DB_CLOSE_ON_EXIT=FALSE;OPTIMIZE_REUSE_RESULTS=FALSE"), null));
        }
        if (!which.equals("h2")) {
            try (var pg = EmbeddedPostgres.builder().start()) {
                try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                    s.execute("create database warranty_bench");
                }
                report.append(run("PostgreSQL (embedded)", Map.of("spring.datasource.url",
                        pg.getJdbcUrl("postgres", "warranty_bench"), "spring.datasource.username", "postgres",
                        "spring.datasource.password", "postgres"), "postgres"));
            }
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "warranty-benchmark.txt"), report.toString());
    }

    private String run(String label, Map<String, Object> db, String profile) throws Exception {
        var props = new LinkedHashMap<String, Object>(db);
        props.put("server.port", "0");
        props.put("serial-registry.demo.enabled", "true");
        props.put("serial-registry.keys.demo-file", "target/warranty-benchmark-keys.properties");
        props.put("spring.datasource.hikari.maximum-pool-size", "8");
        props.put("logging.level.root", "warn");
        var builder = new SpringApplicationBuilder(Application.class);
        if (profile != null) {
            builder.profiles(profile);
        }
        // Command-line arguments outrank application.properties (default properties would not)
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext app = builder.run(args)) {
            signIn();
            var out = new StringBuilder("\n== " + label + " ==\n");
            var jdbc = app.getBean(JdbcTemplate.class);
            long t0 = System.nanoTime();
            var registered = load(app, jdbc);
            out.append(String.format("loaded in %.0f s (units via the issuing service; registrations and claims by "
                    + "batched SQL)%n", (System.nanoTime() - t0) / 1e9));

            // Adjudication throughput: every check, through the service, on registered units, owner claiming
            var claims = app.getBean(ClaimIntake.class);
            var random = new Random(7);
            int warm = Math.min(200, ADJUDICATIONS / 5);
            for (int i = 0; i < warm; i++) {
                submit(claims, registered, random);
            }
            var decisions = new LinkedHashMap<ClaimDecision, Integer>();
            long a0 = System.nanoTime();
            for (int i = 0; i < ADJUDICATIONS; i++) {
                decisions.merge(submit(claims, registered, random), 1, Integer::sum);
            }
            double seconds = (System.nanoTime() - a0) / 1e9;
            // Baseline in the same run: the bare cost of persisting one claim row in its own transaction
            var tx = new org.springframework.transaction.support.TransactionTemplate(
                    app.getBean(org.springframework.transaction.PlatformTransactionManager.class));
            long b0 = System.nanoTime();
            for (int i = 0; i < ADJUDICATIONS; i++) {
                var unit = registered.get(random.nextInt(registered.size()));
                tx.executeWithoutResult(st -> jdbc.update("insert into warranty_claim (serial, gtin, lot, facility_code, "
                        + "line_code, production_date, defect_code, failure_date, claimant_name, claimant_email, "
                        + "submitted_by, channel, state, submitted_at, version) values (?,?,'BASE','X','X',?,?,?,?,?,"
                        + "'baseline','API','CLOSED',?,0)", unit[0], unit[1], Date.valueOf(LocalDate.now().minusDays(9)),
                        "OTHER", Date.valueOf(LocalDate.now().minusDays(1)), "Owner", "o@example.com",
                        Timestamp.from(Instant.now())));
            }
            double baseSeconds = (System.nanoTime() - b0) / 1e9;
            out.append(String.format("adjudication: %d claims in %.2f s = %.0f claims/s (one thread; %s)%n",
                    ADJUDICATIONS, seconds, ADJUDICATIONS / seconds, decisions));
            out.append(String.format("baseline, one bare claim row per transaction: %.0f rows/s; adjudication costs %.1f "
                    + "such inserts%n", ADJUDICATIONS / baseSeconds, seconds / baseSeconds));
            out.append(String.format("system load average during the run: %.1f on %d cores%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors()));

            // Dashboard queries next to count(*) over the claims table, same run, median of repeated runs
            var dashboard = app.getBean(QualityDashboard.class);
            var queries = new LinkedHashMap<String, Supplier<?>>();
            queries.put("select count(*) from warranty_claim (baseline)",
                    () -> jdbc.queryForObject("select count(*) from warranty_claim", Long.class));
            queries.put("claim rate per lot (lotRates)", dashboard::lotRates);
            queries.put("claim rate per line", () -> dashboard.rates(RateDimension.LINE));
            queries.put("claim rate per facility", () -> dashboard.rates(RateDimension.FACILITY));
            queries.put("claim rate per product", () -> dashboard.rates(RateDimension.PRODUCT));
            queries.put("claim rate per defect code", () -> dashboard.rates(RateDimension.DEFECT));
            queries.put("claims per week, 12 weeks", () -> dashboard.claimsPerWeek(12));
            queries.put("drill-down: the claims of lot BL06",
                    () -> dashboard.claims(QualityDashboard.lotFilter(PHONE, "BL06", null)));
            double baseline = 0;
            out.append(String.format("%-48s %10s %10s%n", "query", "median ms", "x count(*)"));
            for (var q : queries.entrySet()) {
                double ms = median(q.getValue());
                if (baseline == 0) {
                    baseline = ms;
                }
                out.append(String.format("%-48s %10.3f %10.2f%n", q.getKey(), ms, ms / baseline));
            }
            long total = jdbc.queryForObject("select count(*) from warranty_claim where submitted_by <> 'baseline'", Long.class);
            out.append("claims in table at the end: ").append(total).append('\n');
            System.out.print(out);
            return out.toString();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static ClaimDecision submit(ClaimIntake claims, List<String[]> registered, Random random) {
        var unit = registered.get(random.nextInt(registered.size()));
        var defect = DEFECTS[random.nextInt(DEFECTS.length)];
        return claims.submit(new NewClaim(unit[1], unit[0], defect.name(), LocalDate.now().minusDays(1),
                "Owner " + unit[0], "o" + unit[0].toLowerCase() + "@example.com", "benchmark", null), ClaimChannel.API)
                .claim().decision();
    }

    /** Issues the units (through the service), then bulk-inserts registrations and claims; answers [serial, gtin] of registered units. */
    private static List<String[]> load(ConfigurableApplicationContext app, JdbcTemplate jdbc) throws InterruptedException {
        var issuance = app.getBean(SerialIssuance.class);
        int perLot = UNITS / LOTS;
        var batches = new ArrayList<UUID>();
        var lots = new ArrayList<String[]>();
        String[] lines = {"L1", "L2", "L3"};
        for (int i = 0; i < LOTS; i++) {
            boolean phone = i % 4 != 3;
            String lot = "BL" + String.format("%02d", i);
            LocalDate made = LocalDate.now().minusDays(400 - i * 9L);
            var batch = issuance.issue(new IssueBatchRequest(phone ? PHONE : CHARGER, lot, "DE-MUC", lines[i % 3], perLot,
                    made, null, "DE", null), "bench-" + lot, false).batch();
            batches.add(batch.id());
            lots.add(new String[]{phone ? PHONE : CHARGER, lot, "DE-MUC", lines[i % 3], made.toString()});
        }
        for (UUID id : batches) {
            while (issuance.batch(id).orElseThrow().status() != BatchStatus.COMPLETED) {
                if (issuance.batch(id).orElseThrow().status() == BatchStatus.FAILED) {
                    throw new IllegalStateException("batch failed: " + issuance.batch(id).orElseThrow().failure());
                }
                Thread.sleep(200);
            }
        }
        // Registrations: the first REGISTRATIONS / LOTS units of every lot
        int regPerLot = REGISTRATIONS / LOTS;
        int claimsPerLot = CLAIMS / LOTS;
        var registered = new ArrayList<String[]>(REGISTRATIONS);
        var random = new Random(42);
        var regRows = new ArrayList<Object[]>();
        var claimRows = new ArrayList<Object[]>();
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < LOTS; i++) {
            var serials = issuance.serials(batches.get(i), 0, regPerLot);
            String[] lot = lots.get(i);
            LocalDate made = LocalDate.parse(lot[4]);
            // lot BL06 (phones) fails more often: twice its share of claims
            int claimsHere = i == 6 ? claimsPerLot * 2 : i == 8 ? 0 : claimsPerLot;
            for (int k = 0; k < serials.size(); k++) {
                String s = serials.get(k).value();
                registered.add(new String[]{s, lot[0]});
                LocalDate purchase = made.plusDays(random.nextInt(30));
                regRows.add(new Object[]{s, lot[0], Date.valueOf(purchase), "Benchmark retail", "Owner " + s,
                        "o" + s.toLowerCase() + "@example.com", "API", "ACTIVE", "benchmark", now});
                if (k < claimsHere) {
                    var defect = DEFECTS[random.nextInt(DEFECTS.length)];
                    LocalDate failure = purchase.plusDays(random.nextInt(Math.max(1,
                            (int) (LocalDate.now().toEpochDay() - purchase.toEpochDay()))));
                    String state = defect == DefectCode.WATER_DAMAGE ? "DENIED" : "RMA_ISSUED";
                    claimRows.add(new Object[]{s, lot[0], lot[1], lot[2], lot[3], Date.valueOf(made), defect.name(),
                            Date.valueOf(failure), "Owner " + s, "o" + s.toLowerCase() + "@example.com", "benchmark",
                            "API", state, state.equals("DENIED") ? "DENIED" : "APPROVED", Timestamp.valueOf(failure.atStartOfDay())});
                }
                if (regRows.size() == 2000) {
                    insertRegistrations(jdbc, regRows);
                }
            }
        }
        insertRegistrations(jdbc, regRows);
        for (int from = 0; from < claimRows.size(); from += 2000) {
            jdbc.batchUpdate("insert into warranty_claim (serial, gtin, lot, facility_code, line_code, production_date, "
                    + "defect_code, failure_date, claimant_name, claimant_email, submitted_by, channel, state, decision, "
                    + "submitted_at, decided_automatically, version) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,true,0)",
                    claimRows.subList(from, Math.min(claimRows.size(), from + 2000)));
        }
        jdbc.update("insert into warranty_claim_tally (gtin, lot, facility_code, line_code, defect_code, claims, denied) "
                + "select gtin, lot, facility_code, line_code, defect_code, count(*), "
                + "sum(case when state = 'DENIED' then 1 else 0 end) from warranty_claim where submitted_by = 'benchmark' "
                + "group by gtin, lot, facility_code, line_code, defect_code");
        jdbc.update("delete from warranty_claim_daily_tally");
        jdbc.update("insert into warranty_claim_daily_tally (failure_date, claims, denied) select failure_date, count(*), "
                + "sum(case when state = 'DENIED' then 1 else 0 end) from warranty_claim group by failure_date");
        if (isPostgres(jdbc)) {
            jdbc.execute("analyze");
        }
        return registered;
    }

    private static boolean isPostgres(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) ->
                c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")));
    }

    private static void insertRegistrations(JdbcTemplate jdbc, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into ownership_registration (serial, gtin, purchase_date, retailer, owner_name, email, "
                + "channel, status, registered_by, registered_at, version) values (?,?,?,?,?,?,?,?,?,?,0)", rows);
        rows.clear();
    }

    private static double median(Supplier<?> query) {
        for (int i = 0; i < 5; i++) {
            query.get();
        }
        double[] ms = new double[25];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            query.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private static void signIn() {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("benchmark", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN", "ROLE_PRODUCTION", "ROLE_SERVICE_CENTER", "ROLE_QUALITY",
                        "ROLE_WARRANTY")));
        SecurityContextHolder.setContext(context);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

package org.serialregistry.custody;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.serialregistry.reporting.CustodyReports;
import org.serialregistry.reporting.ReportFormat;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

/**
 * Benchmark of issue 7 (not a timed test; excluded from the default run by its name):
 * shipping and receiving a 100,000-unit shipment, and exporting the custody report of
 * 1,000,000 custody rows to Excel, next to a plain JDBC read of the same rows in the same run.
 *
 * <pre>
 * ./mvnw -q test -Dtest=CustodyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx512m
 * </pre>
 *
 * Uses a file H2 database under target/bench (an in-memory database would hold a million rows
 * in the same 512 MB heap as the export it measures).
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:file:./target/bench/custody;DB_CLOSE_ON_EXIT=FALSE",
        "logging.level.root=warn"})
@ActiveProfiles("test")
class CustodyBenchmark {

    static final int UNITS = 100_000;
    static final int REPORT_ROWS = 1_000_000;

    static {
        var dir = new File("target/bench");
        var files = dir.listFiles();
        if (files != null) {
            for (var f : files) {
                f.delete();
            }
        }
    }

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Shipping shipping;
    @Autowired
    Receiving receiving;
    @Autowired
    CustodyReports reports;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shipReceiveAndExport() throws Exception {
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("bench", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN", "ROLE_PRODUCTION")));
        SecurityContextHolder.setContext(ctx);
        var out = new StringBuilder("\n=== Custody benchmark (").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, JDK ").append(Runtime.version().feature()).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB) ===\n");

        // 100,000 phones for Germany
        var batch = issuance.issue(new IssueBatchRequest("09506000134352", "BENCH1", "DE-MUC", "L3", UNITS,
                LocalDate.now().minusDays(1), null, "DE", null), null, true).batch();
        while (issuance.batch(batch.id()).orElseThrow().status() != BatchStatus.COMPLETED) {
            if (issuance.batch(batch.id()).orElseThrow().status() == BatchStatus.FAILED) {
                throw new IllegalStateException("issuing failed");
            }
            Thread.sleep(200);
        }
        var serials = new ArrayList<String>(UNITS);
        issuance.streamSerials(batch.id(), s -> serials.add(s.value()));

        long t0 = System.nanoTime();
        var sh = shipping.ship(new NewShipment("BENCH-SH-1", "MFG-DE", "DIST-DE", serials, List.of(), java.util.Map.of(), null));
        double shipS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        var receipt = receiving.receive(sh.id(), serials);
        double receiveS = (System.nanoTime() - t0) / 1e9;
        if (receipt.count(ReceiptOutcome.EXPECTED) != UNITS) {
            throw new IllegalStateException("receipt did not match");
        }
        out.append(String.format("ship    %,d units: %6.1f s = %,8.0f units/s%n", UNITS, shipS, UNITS / shipS));
        out.append(String.format("receive %,d units: %6.1f s = %,8.0f units/s%n", UNITS, receiveS, UNITS / receiveS));

        // top the custody rows up to 1,000,000 (synthetic rows of 1,000 units per event; the report reads them alike)
        long have = jdbc.queryForObject("select count(*) from custody_movement", Long.class);
        long missing = REPORT_ROWS - have;
        jdbc.update("insert into custody_movement (event_id, event_time, biz_step, disposition, serial, gtin, lot, "
                + "from_party, to_party, place, shipment_number, biz_refs, recorded_by) "
                + "select 10000000 + x / 1000, current_timestamp, 'SHIPPING', 'IN_TRANSIT', 'BENCH' || lpad(cast(x as varchar), 15, '0'), "
                + "'09506000134352', 'BENCH2', 'DIST-DE', 'RET-DE-01', 'urn:serial-registry:location:DIST-DE', "
                + "'BENCH-SH-' || (x / 1000), 'desadv=BENCH-SH-' || (x / 1000) || ';po=PO-' || (x / 1000), 'bench' "
                + "from system_range(1, " + missing + ")");
        var filter = CustodyFilter.all();
        long rows = reports.count(filter);
        out.append(String.format("custody report rows: %,d%n", rows));

        // baseline: plain JDBC read of the same rows, every column, same order
        System.gc();
        t0 = System.nanoTime();
        var read = new AtomicLong();
        jdbc.query(con -> {
            var ps = con.prepareStatement("select * from custody_movement order by event_id, serial",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(1000);
            return ps;
        }, (ResultSet rs) -> {
            for (int i = 1; i <= 14; i++) {
                rs.getObject(i);
            }
            read.incrementAndGet();
        });
        double readS = (System.nanoTime() - t0) / 1e9;
        double readRate = read.get() / readS;
        out.append(String.format("plain JDBC read:     %,d rows in %6.1f s = %,9.0f rows/s%n", read.get(), readS, readRate));

        // the export, with heap sampled while it runs
        System.gc();
        var pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        var memory = ManagementFactory.getMemoryMXBean();
        var sampledPeak = new AtomicLong();
        var livePeak = new AtomicLong();
        var sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
        var sampler = Thread.ofPlatform().daemon().start(() -> {
            while (sampling.get()) {
                sampledPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                // what the last collection left alive: the export's real footprint, garbage excluded
                livePeak.accumulateAndGet(pools.stream().mapToLong(p -> p.getCollectionUsage() == null ? 0
                        : p.getCollectionUsage().getUsed()).sum(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        var file = Files.createTempFile("custody-bench-", ".xlsx");
        t0 = System.nanoTime();
        long written;
        try (var stream = new BufferedOutputStream(new FileOutputStream(file.toFile()), 1 << 16)) {
            written = reports.write(filter, ReportFormat.XLSX, stream, n -> { });
        }
        double exportS = (System.nanoTime() - t0) / 1e9;
        sampling.set(false);
        sampler.join();
        long poolPeaks = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        double exportRate = written / exportS;
        out.append(String.format("Excel export:        %,d rows in %6.1f s = %,9.0f rows/s  (file %,d MB)%n", written,
                exportS, exportRate, Files.size(file) / (1024 * 1024)));
        out.append(String.format("peak heap during export: %,d MB used (sampled, garbage included); %,d MB sum of heap pool peaks; "
                        + "%,d MB live after GC (max, GC beans); max heap %,d MB%n", sampledPeak.get() / (1024 * 1024),
                poolPeaks / (1024 * 1024), livePeak.get() / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        out.append(String.format("ratio export / plain read: %.2f (target >= 0.30)%n", exportRate / readRate));

        var json = Files.createTempFile("custody-bench-", ".json");
        t0 = System.nanoTime();
        try (var stream = new BufferedOutputStream(new FileOutputStream(json.toFile()), 1 << 16)) {
            written = reports.write(filter, ReportFormat.EPCIS, stream, n -> { });
        }
        double epcisS = (System.nanoTime() - t0) / 1e9;
        out.append(String.format("EPCIS export:        %,d rows in %6.1f s = %,9.0f rows/s  (file %,d MB)%n", written,
                epcisS, written / epcisS, Files.size(json) / (1024 * 1024)));
        Files.deleteIfExists(file);
        Files.deleteIfExists(json);
        System.out.println(out);
        Files.writeString(new File("target/custody-benchmark.txt").toPath(), out);
        SecurityContextHolder.clearContext();
    }

    static SerialNumber serial(String s) {
        return new SerialNumber(s);
    }
}

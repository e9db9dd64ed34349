package org.serialregistry.counterfeit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.serialregistry.Application;
import org.serialregistry.counterfeit.AlertCaseSummary;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.DetectionThresholds;
import org.serialregistry.counterfeit.ScanFixtures;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.db.EmbeddedPostgresServer;
import org.serialregistry.security.Role;
import org.serialregistry.security.SystemIdentity;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.verification.ScanOutcome;
import org.serialregistry.verification.UnitScanned;
import org.serialregistry.verification.internal.ScanLogWriter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serialregistry.counterfeit.ScanFixtures.PHONE;

/**
 * Two replicas, A and B, on one PostgreSQL, each writing the scans it served into the shared scan log:
 * counterfeit detection judges them as one. (Each replica judging only its own scans sees half of every
 * story and raises nothing.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasDetectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoReplicas() {
        String url = EmbeddedPostgresServer.freshDatabase("two_replicas");
        a = replica(url);
        b = replica(url); // the second start finds the demo data seeded by the first, as after a restart
        await().atMost(PATIENCE).until(() -> leader(a) || leader(b));
    }

    @AfterAll
    static void stopReplicas() {
        for (var context : new ConfigurableApplicationContext[] {b, a}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
    }

    @Test
    @Order(1)
    void aClonedCodeScannedInTheUsOnAAndInJapanOnBRaisesOneGeoAnomalyCase() {
        String serial = issueOne(a, "CLONE");
        Instant now = Instant.now();
        served(a, ScanFixtures.scan(now.minus(Duration.ofMinutes(30)), PHONE, serial, "clone-ny", "US", 40.71, -74.01));
        served(b, ScanFixtures.scan(now, PHONE, serial, "clone-tokyo", "JP", 35.68, 139.69));

        await().atMost(PATIENCE).until(() -> allJudged(a));
        assertThat(cases(a, new CaseQuery(serial, null, SignalType.GEO_ANOMALY, 10)))
                .as("New York, then Tokyo half an hour later, seen by different replicas").hasSize(1);
    }

    @Test
    @Order(2)
    void aForgedCodeBurstSplitAcrossAAndBRaisesOneEnumerationCase() {
        int threshold = SystemIdentityCall.as(a, () -> a.getBean(DetectionThresholds.class)
                .current(ProductCategory.ELECTRONICS).enumerationCount());
        String client = "burst-" + UUID.randomUUID();
        Instant start = Instant.now();
        for (int i = 0; i < threshold; i++) {
            // half the made-up codes reach A, half B: neither alone reaches the threshold
            served(i % 2 == 0 ? a : b, new UnitScanned(UUID.randomUUID(), start.plusMillis(i), PHONE, "FAKE" + i + "X",
                    ScanOutcome.FORGED, client, "burst-session-" + i, CountryCode.of("DE"), null, null, "script", null));
        }

        await().atMost(PATIENCE).until(() -> allJudged(a));
        assertThat(cases(b, new CaseQuery(null, null, SignalType.ENUMERATION, 200)))
                .filteredOn(c -> client.equals(c.clientKey())).hasSize(1);
    }

    @Test
    @Order(3)
    void whenTheLeaderStopsTheOtherReplicaTakesOverWithoutLosingAScan() {
        var leader = leader(a) ? a : b;
        var other = leader == a ? b : a;
        String serial = issueOne(other, "FAILOVER");
        Instant now = Instant.now();
        // the leader served this scan and stops right after: whether it judged it or not, it is not lost
        served(leader, ScanFixtures.scan(now.minus(Duration.ofMinutes(20)), PHONE, serial, "failover-paris", "FR",
                48.86, 2.35));
        leader.close();

        await().atMost(PATIENCE).until(() -> leader(other));
        served(other, ScanFixtures.scan(now, PHONE, serial, "failover-sydney", "AU", -33.87, 151.21));

        await().atMost(PATIENCE).until(() -> allJudged(other));
        assertThat(cases(other, new CaseQuery(serial, null, SignalType.GEO_ANOMALY, 10)))
                .as("Paris (served by the old leader), then Sydney: one case, raised by the new leader").hasSize(1);
    }

    // ---- helpers

    private static ConfigurableApplicationContext replica(String url) {
        var args = new ArrayList<>(List.of("--spring.profiles.active=postgres", "--server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--serial-registry.demo.enabled=true",
                "--serial-registry.keys.demo-file=target/test-serial-keys.properties",
                "--serial-registry.chain-keys.demo-file=target/test-chain-keys.properties",
                "--serial-registry.keys.manufacturing-demo-file=target/test-manufacturing-key.properties",
                "--serial-registry.factors.keys.demo-file=target/test-factor-keys.properties",
                "--serial-registry.scan.client-key-file=target/test-scan-client-key.secret",
                "--serial-registry.counterfeit.leader.tail-interval=200ms",
                "--spring.main.banner-mode=off"));
        return new SpringApplicationBuilder(Application.class).run(args.toArray(String[]::new));
    }

    private static boolean leader(ConfigurableApplicationContext replica) {
        return replica.isActive() && replica.getBean(DetectionLeader.class).leading();
    }

    /** The replica's scan-log writer takes the scan, as its public endpoint does. */
    private static void served(ConfigurableApplicationContext replica, UnitScanned scan) {
        assertThat(replica.getBean(ScanLogWriter.class).submit(scan)).isTrue();
    }

    /** Every scan in the log is judged: the leader's committed position is past the newest row and nothing is open. */
    private static boolean allJudged(ConfigurableApplicationContext replica) {
        var jdbc = replica.getBean(JdbcTemplate.class);
        return Boolean.TRUE.equals(jdbc.queryForObject("select p.last_seq >= (select coalesce(max(seq), 0) from scan_record) "
                + "and p.open_seqs = '' from counterfeit_detection_position p", Boolean.class));
    }

    private static String issueOne(ConfigurableApplicationContext replica, String lot) {
        return SystemIdentityCall.as(replica, () -> ScanFixtures.issue(replica.getBean(SerialIssuance.class), PHONE,
                lot + (System.nanoTime() % 100_000), 1, "DE").getFirst().value());
    }

    private static List<AlertCaseSummary> cases(ConfigurableApplicationContext replica, CaseQuery query) {
        return SystemIdentityCall.as(replica, () -> replica.getBean(AlertCases.class).search(query));
    }

    private static final class SystemIdentityCall {
        /** Signed in through the replica's own strategy: each context in this JVM has its own. */
        static <T> T as(ConfigurableApplicationContext replica, Supplier<T> work) {
            var result = new ArrayList<T>(1);
            SystemIdentity.runAs(replica.getBean(SecurityContextHolderStrategy.class), "replica-test", () -> result.add(work.get()), Role.PRODUCTION, Role.FORENSICS, Role.ADMIN);
            return result.getFirst();
        }
    }
}

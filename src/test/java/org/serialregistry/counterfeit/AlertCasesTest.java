package org.serialregistry.counterfeit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.counterfeit.internal.ScanSignalDetector;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.verification.CounterfeitList;
import org.serialregistry.verification.ScanOutcome;
import org.serialregistry.verification.UnitScanned;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.serialregistry.counterfeit.ScanFixtures.GLUCO;
import static org.serialregistry.counterfeit.ScanFixtures.PHONE;
import static org.serialregistry.counterfeit.ScanFixtures.record;
import static org.serialregistry.counterfeit.ScanFixtures.scan;

/** Signals from the scan log become alert cases that investigators work through. */
@IntegrationTest
class AlertCasesTest {

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ScanSignalDetector detector;
    @Autowired
    AlertCases cases;
    @Autowired
    DetectionThresholds thresholds;
    @Autowired
    CounterfeitList counterfeitList;
    @Autowired
    JdbcTemplate jdbc;

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    @WithMockUser(username = "forensics", roles = {"PRODUCTION", "FORENSICS"})
    void aCodeScannedInMunichAndShenzhenWithinAnHourOpensOneHighSeverityCaseWithBothScans() {
        var serials = ScanFixtures.issue(issuance, PHONE, "ACGEO1", 3, "DE");
        String serial = serials.getFirst().value();
        record(events, detector,
                scan(now.minus(Duration.ofMinutes(50)), PHONE, serial, "s-munich", "DE", 48.137, 11.575),
                scan(now.minus(Duration.ofMinutes(10)), PHONE, serial, "s-shenzhen", "CN", 22.54, 114.06));

        var found = cases.search(new CaseQuery(serial, null, null, 10));
        assertThat(found).hasSize(1);
        var c = found.getFirst();
        assertThat(c.state()).isEqualTo(CaseState.OPEN);
        assertThat(c.severity().high()).isTrue();
        assertThat(c.types()).contains(SignalType.GEO_ANOMALY).doesNotContain(SignalType.OFF_MARKET); // one session abroad is no diversion yet
        var detail = cases.find(c.id()).orElseThrow();
        var geo = detail.signals().stream().filter(s -> s.type() == SignalType.GEO_ANOMALY).findFirst().orElseThrow();
        assertThat(geo.scans()).extracting(EvidenceScan::country).containsExactly("DE", "CN");
        assertThat(geo.detail()).contains("km/h").contains("DE → CN");
        assertThat(cases.latestHighSeverityCase()).isGreaterThanOrEqualTo(c.id().value());

        // a second serial of the same lot seen cloned joins the case, which becomes a lot case
        String sibling = serials.get(1).value();
        record(events, detector,
                scan(now.minus(Duration.ofMinutes(40)), PHONE, sibling, "s-munich-2", "DE", 48.137, 11.575),
                scan(now.minus(Duration.ofMinutes(5)), PHONE, sibling, "s-lagos", "NG", 6.52, 3.38));
        var lotCase = cases.find(c.id()).orElseThrow().summary();
        assertThat(lotCase.groupKind()).isEqualTo("LOT");
        assertThat(cases.search(new CaseQuery(sibling, null, null, 10))).extracting(AlertCaseSummary::id)
                .containsExactly(c.id());
    }

    @Test
    @WithMockUser(username = "forensics", roles = {"PRODUCTION", "FORENSICS"})
    void rescansInOneSessionAreNoAttackButManyDistinctSessionsAre() {
        var serial = ScanFixtures.issue(issuance, GLUCO, "ACCNT1", 1, "US").getFirst().value();
        int max = thresholds.current(ProductCategory.MEDICAL_DEVICE).maxSessions();
        var rescans = new UnitScanned[max * 3];
        for (int i = 0; i < rescans.length; i++) {
            rescans[i] = scan(now.minus(Duration.ofHours(5)).plusSeconds(i * 30L), GLUCO, serial, "s-patient", "US", null, null);
        }
        record(events, detector, rescans);
        assertThat(cases.search(new CaseQuery(serial, null, null, 10))).isEmpty();

        var sessions = new UnitScanned[max];
        for (int i = 0; i < max; i++) {
            sessions[i] = scan(now.minus(Duration.ofHours(4)).plusSeconds(i * 600L), GLUCO, serial, "s-buyer-" + i, "US",
                    null, null);
        }
        record(events, detector, sessions);
        assertThat(cases.search(new CaseQuery(serial, null, SignalType.SCAN_COUNT, 10))).hasSize(1);
    }

    /**
     * Scans without a location no longer make detection read the unit's row (the scale benchmark: a unit query per
     * new serial); the row is read when a signal is raised, so the signal still names the unit's lot.
     */
    @Test
    @WithMockUser(username = "forensics", roles = {"PRODUCTION", "FORENSICS"})
    void scansWithoutALocationRaiseTheirSignalWithTheUnitsLot() {
        var serial = ScanFixtures.issue(issuance, GLUCO, "ACNOLOC", 1, "US").getFirst().value();
        int max = thresholds.current(ProductCategory.MEDICAL_DEVICE).maxSessions();
        var sessions = new UnitScanned[max + 1];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = new UnitScanned(java.util.UUID.randomUUID(), now.minus(Duration.ofHours(4)).plusSeconds(i * 600L),
                    GLUCO, serial, org.serialregistry.verification.ScanOutcome.GENUINE, "client-nl-" + i, "s-nl-" + i,
                    null, null, null, "mobile", org.serialregistry.serial.UnitStatus.ACTIVE);
        }
        record(events, detector, sessions);
        var found = cases.search(new CaseQuery(serial, null, SignalType.SCAN_COUNT, 10));
        assertThat(found).hasSize(1);
        assertThat(cases.find(found.getFirst().id()).orElseThrow().signals())
                .filteredOn(signal -> signal.type() == SignalType.SCAN_COUNT)
                .singleElement().satisfies(signal -> assertThat(signal.lot()).isEqualTo("ACNOLOC"));
    }

    @Test
    @WithMockUser(username = "forensics", roles = {"PRODUCTION", "FORENSICS"})
    void aUnitDestroyedInTheRegistryIsFlaggedWhenItsCodeTurnsUpEvenOnAStaleScan() throws Exception {
        var serial = ScanFixtures.issue(issuance, PHONE, "ACDES1", 1, "DE").getFirst();
        units.changeStatus(serial, UnitStatus.DESTROYED, "Crushed after quality hold");
        // the lifecycle listener runs after commit, asynchronously
        // (a scan is sent on each poll: one sent before the listener ran finds the unit still active)
        await("a scan of the destroyed unit raises a case").pollInSameThread().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    record(events, detector, scan(Instant.now().plusSeconds(1), PHONE, serial.value(),
                            "s-" + UUID.randomUUID(), "DE", null, null));
                    return !cases.search(new CaseQuery(serial.value(), null, SignalType.SCANNED_WHILE_INACTIVE, 10)).isEmpty();
                });
        var c = cases.search(new CaseQuery(serial.value(), null, null, 10)).getFirst();
        assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    @WithMockUser(username = "forensics", roles = {"PRODUCTION", "FORENSICS"})
    void aBurstOfForgedCodesFromOneClientIsEnumeration() {
        var t = now.minus(Duration.ofHours(2));
        int n = thresholds.current(ProductCategory.ELECTRONICS).enumerationCount();
        var burst = new UnitScanned[n];
        for (int i = 0; i < n; i++) {
            burst[i] = new UnitScanned(UUID.randomUUID(), t.plusSeconds(i * 3L), PHONE,
                    String.format("%020d", 1_000_000 + i).replace('0', 'Z'), ScanOutcome.FORGED, "client-prober-1",
                    "s-prober-1", new CountryCode("RU"), null, null, "script", null);
        }
        record(events, detector, burst);
        var found = cases.search(new CaseQuery(null, CaseState.OPEN, SignalType.ENUMERATION, 100)).stream()
                .filter(c -> "client-prober-1".equals(c.clientKey())).toList();
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().groupKind()).isEqualTo("CLIENT");
        assertThat(cases.statistics(30).topProbers()).anySatisfy(p -> {
            assertThat(p.clientKey()).isEqualTo("client-prober-1");
            assertThat(p.badCodes()).isGreaterThanOrEqualTo(n);
        });
    }

    @Test
    @WithMockUser(username = "channel", roles = {"PRODUCTION", "CHANNEL"})
    void aChannelManagerConfirmsDiversionButCannotConfirmACounterfeit() {
        var serial = ScanFixtures.issue(issuance, PHONE, "ACDIV1", 1, "DE").getFirst().value();
        record(events, detector,
                scan(now.minus(Duration.ofHours(3)), PHONE, serial, "s-grey-shop", "AE", null, null),
                scan(now.minus(Duration.ofHours(2)), PHONE, serial, "s-grey-buyer", "AE", null, null));
        var c = cases.search(new CaseQuery(serial, null, SignalType.OFF_MARKET, 10)).getFirst();
        assertThatThrownBy(() -> cases.changeState(c.id(), CaseState.CONFIRMED_COUNTERFEIT, "looks fake"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only forensic reviewers");
        assertThat(counterfeitList.isListed(serial)).isFalse();

        cases.assign(c.id(), "channel");
        var decided = cases.changeState(c.id(), CaseState.CONFIRMED_DIVERSION, "Sold by a grey importer in Dubai");
        assertThat(decided.state()).isEqualTo(CaseState.CONFIRMED_DIVERSION);
        assertThat(decided.assignee()).isEqualTo("channel");
        assertThat(cases.find(c.id()).orElseThrow().notes()).extracting(CaseNote::text)
                .contains("Assigned to channel").anySatisfy(n -> assertThat(n).contains("Confirmed diversion"));
        assertThat(counterfeitList.isListed(serial)).isFalse();
    }

    @Test
    @WithMockUser(username = "forensics", roles = {"PRODUCTION", "FORENSICS"})
    void confirmingACounterfeitPutsTheSerialOnThePublicList() {
        var serial = ScanFixtures.issue(issuance, PHONE, "ACCNF1", 1, "DE").getFirst().value();
        record(events, detector,
                scan(now.minus(Duration.ofMinutes(30)), PHONE, serial, "s-berlin", "DE", 52.52, 13.405),
                scan(now.minus(Duration.ofMinutes(20)), PHONE, serial, "s-saopaulo", "BR", -23.55, -46.63));
        var c = cases.search(new CaseQuery(serial, null, null, 10)).getFirst();
        cases.changeState(c.id(), CaseState.CONFIRMED_COUNTERFEIT, "Copies seized in Sao Paulo");
        assertThat(counterfeitList.isListed(serial)).isTrue();
        assertThat(counterfeitList.find(serial).orElseThrow().reason())
                .isEqualTo(org.serialregistry.verification.CounterfeitReason.CLONED_CODE);
        assertThat(cases.search(new CaseQuery(serial, CaseState.CONFIRMED_COUNTERFEIT, null, 10))).hasSize(1);
        assertThatThrownBy(() -> cases.addNote(c.id(), " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("note:");
    }

    @Test
    @WithMockUser(username = "admin", roles = {"ADMIN", "PRODUCTION", "FORENSICS"})
    void anAdministratorTightensTheTravelSpeedAndTheNextScanIsJudgedByIt() {
        var before = thresholds.current(ProductCategory.ELECTRONICS);
        var serial = ScanFixtures.issue(issuance, PHONE, "ACSPD1", 1, "DE").getFirst().value();
        try {
            // Berlin to Munich (504 km) in 3 hours: 168 km/h, fine at 900 km/h, too fast at 100 km/h
            thresholds.update(new Thresholds(ProductCategory.ELECTRONICS, before.maxSessions(), before.sessionWindowDays(),
                    before.enumerationCount(), before.enumerationWindowMinutes(), 100, before.offMarketSessions(),
                    before.newCountryWarmupScans(), before.version(), "", before.updatedAt()));
            record(events, detector,
                    scan(now.minus(Duration.ofHours(4)), PHONE, serial, "s-a", "DE", 52.52, 13.405),
                    scan(now.minus(Duration.ofHours(1)), PHONE, serial, "s-b", "DE", 48.137, 11.575));
            assertThat(cases.search(new CaseQuery(serial, null, SignalType.GEO_ANOMALY, 10))).hasSize(1);
            assertThatThrownBy(() -> thresholds.update(new Thresholds(ProductCategory.ELECTRONICS, 0, 30, 20, 10, 900, 2,
                    200, thresholds.current(ProductCategory.ELECTRONICS).version(), "", now)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxSessions:");
        } finally {
            var current = thresholds.current(ProductCategory.ELECTRONICS);
            thresholds.update(new Thresholds(ProductCategory.ELECTRONICS, before.maxSessions(), before.sessionWindowDays(),
                    before.enumerationCount(), before.enumerationWindowMinutes(), before.maxSpeedKmh(),
                    before.offMarketSessions(), before.newCountryWarmupScans(), current.version(), "", now));
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'counterfeit.thresholds.updated'",
                Long.class)).isGreaterThanOrEqualTo(2L);
    }
}

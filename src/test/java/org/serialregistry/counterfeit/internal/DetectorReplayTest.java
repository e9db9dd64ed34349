package org.serialregistry.counterfeit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.ScanFixtures;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.counterfeit.ScanFixtures.PHONE;

/**
 * Detection keeps its recent scans in memory; after a restart it replays the scan log into it, so
 * a scan made before the restart still counts against the next one.
 */
@IntegrationTest
@WithMockUser(username = "fran", roles = {"PRODUCTION", "FORENSICS"})
class DetectorReplayTest {

    @Autowired
    ScanSignalDetector detector;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    AlertCases cases;
    @Autowired
    ApplicationEventPublisher events;

    /** A scan in Berlin an hour ago, in the log but never seen by this detector (as if before a restart). */
    private void loggedBeforeTheRestart(String serial, String session) {
        jdbc.update("insert into scan_record (id, scanned_at, gtin, serial, outcome, client_key, session_id, country, "
                        + "latitude, longitude, user_agent_class, unit_status, unit_serial) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                UUID.randomUUID(), Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS)
                        .atOffset(ZoneOffset.UTC), PHONE, serial, "GENUINE", "client-" + session, session, "DE", 52.52,
                13.40, "mobile", "ACTIVE", serial);
    }

    @Test
    void aScanFromBeforeARestartStillCountsAgainstTheNextOne() {
        var serials = ScanFixtures.issue(issuance, PHONE, "REPLAY1", 2, "DE");
        String replayed = serials.get(0).value();
        String notReplayed = serials.get(1).value();

        loggedBeforeTheRestart(replayed, "replay-berlin-1");
        // what the application's start does: the replay runs on the detector's own thread, signed in by itself
        detector.replayAfterStart();
        assertThat(detector.awaitIdle(Duration.ofSeconds(30))).isTrue();
        ScanFixtures.record(events, detector, ScanFixtures.scan(Instant.now(), PHONE, replayed, "replay-sydney-1", "AU",
                -33.87, 151.21));
        assertThat(cases.search(new CaseQuery(replayed, null, SignalType.GEO_ANOMALY, 10)))
                .as("Berlin an hour ago, Sydney now: impossible travel, Berlin known from the replay").hasSize(1);

        // the control: the same story without a replay after the Berlin scan went into the log
        loggedBeforeTheRestart(notReplayed, "replay-berlin-2");
        ScanFixtures.record(events, detector, ScanFixtures.scan(Instant.now(), PHONE, notReplayed, "replay-sydney-2", "AU",
                -33.87, 151.21));
        assertThat(cases.search(new CaseQuery(notReplayed, null, SignalType.GEO_ANOMALY, 10))).isEmpty();
    }
}

package org.serialregistry.counterfeit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.serialregistry.counterfeit.internal.ScanSignalDetector;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.ScanOutcome;
import org.serialregistry.verification.ScansRecorded;
import org.serialregistry.verification.UnitScanned;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/** Scans as verification's scan-log writer records them, and fresh units to scan. */
public final class ScanFixtures {

    public static final String PHONE = "09506000134352";
    public static final String GLUCO = "07612345000022";

    private ScanFixtures() {
    }

    /** Issues a small batch (needs the PRODUCTION role) and returns its serials. */
    public static List<SerialNumber> issue(SerialIssuance issuance, String gtin, String lot, int quantity, String market) {
        String facility = gtin.equals(PHONE) ? "DE-MUC" : "US-AUS";
        String line = gtin.equals(PHONE) ? "L1" : "L2";
        var batch = issuance.issue(new IssueBatchRequest(gtin, lot, facility, line, quantity,
                java.time.LocalDate.now().minusDays(5), null, market, null), "fixture-" + lot, true).batch();
        return issuance.serials(batch.id(), 0, quantity);
    }

    public static UnitScanned scan(Instant at, String gtin, String serial, String session, String country,
                                   @Nullable Double lat, @Nullable Double lon) {
        return new UnitScanned(UUID.randomUUID(), at, gtin, serial, ScanOutcome.GENUINE, "client-" + session, session,
                new CountryCode(country), lat, lon, "mobile", UnitStatus.ACTIVE);
    }

    /** Publishes one flush of the scan log, as the writer does, and waits until detection has processed it. */
    public static void record(ApplicationEventPublisher events, ScanSignalDetector detector, UnitScanned... scans) {
        events.publishEvent(new ScansRecorded(List.of(scans)));
        assertThat(detector.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }
}

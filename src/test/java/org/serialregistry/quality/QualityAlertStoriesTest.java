package org.serialregistry.quality;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.security.Role;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.Units;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.NewClaim;
import org.serialregistry.warranty.ClaimIntake;
import org.springframework.beans.factory.annotation.Autowired;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/** A quality engineer learns about a failing lot from one alert, not from a flood of them. */
@IntegrationTest
class QualityAlertStoriesTest {

    @Autowired
    ClaimIntake claims;
    @Autowired
    QualityDashboard dashboard;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;

    @Test
    void aLotAboveItsClaimRateThresholdRaisesOneAlertWhichTheEngineerAcknowledges() {
        var lotUnits = phones(issuance, 50, LocalDate.now().minusDays(30));
        String lot = units.find(lotUnits.getFirst()).orElseThrow().lot().value();
        // Phones: threshold 2 % with at least 5 claims. The alert is evaluated after commit, off the
        // submitting thread: wait for it after the fifth claim, so that its figures are those of that moment
        for (int i = 0; i < 5; i++) {
            claim(lotUnits.get(i).value(), i);
        }
        waitFor(() -> alertsOf(lot) == 1);
        // three more claims (8 of 50 units, 16 %) raise nothing new
        for (int i = 5; i < 8; i++) {
            claim(lotUnits.get(i).value(), i);
        }
        assertThat(as("quality", () -> dashboard.evaluate(PHONE, lot), Role.QUALITY_NAME)).isEmpty();
        assertThat(alertsOf(lot)).isEqualTo(1);

        var alert = as("quality", () -> dashboard.alerts(), Role.QUALITY_NAME).stream()
                .filter(a -> a.lot().equals(lot)).findFirst().orElseThrow();
        // Raised by the fifth claim (the product's minimum), with the figures of that moment; later claims raise nothing
        assertThat(alert.claims()).isEqualTo(5);
        assertThat(alert.units()).isEqualTo(50);
        assertThat(alert.claimRatePercent()).isEqualTo(10.0);
        assertThat(alert.topDefect()).isEqualTo("DISPLAY");
        assertThat(alert.acknowledged()).isFalse();

        var acknowledged = as("quality", () -> dashboard.acknowledge(alert.id(), alert.version(),
                "Display supplier batch 7 suspected; 8D opened"), Role.QUALITY_NAME);
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("quality");
        assertThat(acknowledged.notes()).contains("8D opened");

        var rates = as("quality", () -> dashboard.lotRates(), Role.QUALITY_NAME);
        assertThat(rates).filteredOn(r -> r.lot().equals(lot)).singleElement()
                .satisfies(r -> {
                    assertThat(r.claims()).isEqualTo(8);
                    assertThat(r.ratePercent()).isEqualTo(16.0);
                    assertThat(r.aboveThreshold()).isTrue();
                });
    }

    @Test
    void theDemoLotA2611ShowsElevatedDisplayFailuresAndHasItsAlert() {
        waitFor(() -> alertsOf("A2611") == 1);
        var rates = as("quality", () -> dashboard.lotRates(), Role.QUALITY_NAME);
        assertThat(rates).filteredOn(r -> r.lot().equals("A2611")).singleElement().satisfies(r -> {
            assertThat(r.ratePercent()).isGreaterThan(4.0);
            assertThat(r.topDefect()).hasToString("DISPLAY");
        });
    }

    private void claim(String serial, int n) {
        as("service", () -> claims.submit(new NewClaim(PHONE, serial, "DISPLAY", LocalDate.now().minusDays(1),
                "Owner " + n, "o" + n + "@example.com", null, null), ClaimChannel.API), Role.SERVICE_CENTER_NAME);
    }

    /** Alerts are raised after commit, off the submitting thread: wait for it (at most 20 s). */
    private static void waitFor(java.util.function.BooleanSupplier condition) {
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(condition::getAsBoolean);
    }

    private long alertsOf(String lot) {
        return as("quality", () -> dashboard.alerts(), Role.QUALITY_NAME).stream().filter(a -> a.lot().equals(lot)).count();
    }
}

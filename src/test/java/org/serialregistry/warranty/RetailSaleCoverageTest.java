package org.serialregistry.warranty;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/**
 * A retailer records a sale: the phone's warranty (24 months from purchase) starts on the sale day
 * even though the buyer never registered; an owner's registered purchase date wins; an undone sale
 * no longer counts.
 */
@IntegrationTest
class RetailSaleCoverageTest {

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    WarrantyCoverage coverage;
    @Autowired
    OwnershipRegistry ownership;
    @Autowired
    org.serialregistry.warranty.internal.PublicWarrantyLookup publicLookup;
    @Autowired
    org.serialregistry.warranty.internal.PublicCoverageFacts facts;

    /**
     * The public page skips the registration and sale queries for units it knows have none (PublicCoverageFacts):
     * a sale and a registration made on this instance count on the very next scan, and a unit with neither is
     * answered without them.
     */
    @Test
    void thePublicPageSeesASaleAndARegistrationAtOnceAndSkipsTheQueriesForUnitsWithout() {
        LocalDate made = LocalDate.now().minusDays(200);
        var sold = phones(issuance, 1, made).getFirst();
        var untouched = phones(issuance, 1, made).getFirst();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> !facts.mayBeSold(untouched) && !facts.mayBeRegistered(untouched));

        var soldAt = LocalDate.now().minusDays(30);
        as("retail", () -> units.record(new NewLifecycleEvent(List.of(sold), EpcisEventType.OBJECT_EVENT,
                BusinessStep.RETAIL_SELLING, Disposition.RETAIL_SOLD, soldAt.atTime(15, 0).toInstant(ZoneOffset.UTC),
                null, null, null, null, java.util.Map.of(), UnitStatus.SUPPLIED, null)), "DISTRIBUTOR");
        var unit = units.lookup(sold).orElseThrow();
        assertThat(facts.mayBeSold(sold)).isTrue();
        assertThat(publicLookup.coverage(unit).orElseThrow().until()).isEqualTo(soldAt.plusMonths(24).minusDays(1));

        var purchased = soldAt.plusDays(2);
        as("warranty", () -> ownership.register(new NewRegistration(PHONE, sold.value(), purchased, "Shop", "Ana Owner",
                "ana@example.com", null, null), RegistrationChannel.PORTAL), "WARRANTY");
        assertThat(facts.mayBeRegistered(sold)).isTrue();
        var registered = publicLookup.coverage(unit).orElseThrow();
        assertThat(registered.registered()).isTrue();
        assertThat(registered.until()).isEqualTo(purchased.plusMonths(24).minusDays(1));

        // a unit with neither: the same answer as the full read gives, from the production date
        var plain = units.lookup(untouched).orElseThrow();
        assertThat(publicLookup.coverage(plain).orElseThrow().until())
                .isEqualTo(coverage.today(plain).until());
    }

    @Test
    void theWarrantyOfAnUnregisteredUnitStartsOnTheDayARetailerSoldIt() {
        LocalDate made = LocalDate.now().minusDays(200);
        var serial = phones(issuance, 1, made).getFirst();
        var soldAt = LocalDate.now().minusDays(30);
        var sale = as("retail", () -> units.record(new NewLifecycleEvent(List.of(serial), EpcisEventType.OBJECT_EVENT,
                BusinessStep.RETAIL_SELLING, Disposition.RETAIL_SOLD, soldAt.atTime(15, 0).toInstant(ZoneOffset.UTC),
                null, null, null, null, java.util.Map.of(), UnitStatus.SUPPLIED, null)), "DISTRIBUTOR");

        var cover = coverage.today(new Gtin(PHONE), serial).orElseThrow();
        assertThat(cover.startDate()).isEqualTo(soldAt);
        assertThat(cover.until()).isEqualTo(soldAt.plusMonths(24).minusDays(1));
        assertThat(cover.registered()).isFalse();
        assertThat(cover.explanation()).contains("24 months from the retail sale date " + soldAt);

        // the owner registers a purchase date of their own: it wins over the retailer's record
        var purchased = soldAt.plusDays(2);
        as("warranty", () -> ownership.register(new NewRegistration(PHONE, serial.value(), purchased, "Shop", "Ana Owner",
                "ana@example.com", null, null), RegistrationChannel.PORTAL), "WARRANTY");
        cover = coverage.today(new Gtin(PHONE), serial).orElseThrow();
        assertThat(cover.startDate()).isEqualTo(purchased);
        assertThat(cover.registered()).isTrue();
        assertThat(cover.explanation()).contains("the purchase date " + purchased);

        // a sale recorded by mistake and undone does not start anything
        var other = phones(issuance, 1, made).getFirst();
        var wrong = as("retail", () -> units.record(new NewLifecycleEvent(List.of(other), EpcisEventType.OBJECT_EVENT,
                BusinessStep.RETAIL_SELLING, Disposition.RETAIL_SOLD, null, null, null, null, null, java.util.Map.of(),
                UnitStatus.SUPPLIED, null)), "DISTRIBUTOR");
        as("retail", () -> units.undo(wrong.id(), "recorded against the wrong serial"), "DISTRIBUTOR");
        var uncovered = coverage.today(new Gtin(PHONE), other).orElseThrow();
        assertThat(uncovered.startDate()).isEqualTo(made);
        assertThat(uncovered.explanation()).contains("no purchase date is registered");
        assertThat(sale.id().value()).isPositive();
    }
}

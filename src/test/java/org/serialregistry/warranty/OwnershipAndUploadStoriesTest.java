package org.serialregistry.warranty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.security.Role;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.PublicRegistration;
import org.serialregistry.verification.RegistrationIntake;
import org.serialregistry.verification.WarrantyLookup;
import org.serialregistry.warranty.internal.ClaimWorkbook;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/** Owners register their units (public form, portal, API) and repair networks upload claims in Excel. */
@IntegrationTest
class OwnershipAndUploadStoriesTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};

    @Autowired
    RegistrationIntake intake;
    @Autowired
    WarrantyLookup lookup;
    @Autowired
    OwnershipRegistry owners;
    @Autowired
    ClaimIntake claims;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Units unitRecords;

    private PublicRegistration form(SerialNumber serial, String name, String email, byte[] proof) {
        return new PublicRegistration(new Gtin(PHONE), serial, LocalDate.now().minusDays(3), "Phone Shop", name, email,
                proof, proof == null ? null : "image/png", proof == null ? null : "receipt.png");
    }

    @Test
    void anOwnerRegistersOnThePublicFormWithAReceiptAndTheVerificationPageShowsCoverFromPurchase() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(40)).getFirst();

        var result = intake.register(form(unit, "Paula Public", "paula@example.com", PNG));

        assertThat(result.accepted()).isTrue();
        var owner = owners.owner(unit.value()).orElseThrow();
        assertThat(owner.channel()).isEqualTo(RegistrationChannel.PUBLIC);
        assertThat(owner.proofFileId()).isNotNull();
        var summary = lookup.coverage(unitRecords.lookup(unit).orElseThrow()).orElseThrow();
        assertThat(summary.covered()).isTrue();
        assertThat(summary.registered()).isTrue();
        assertThat(summary.until()).isEqualTo(LocalDate.now().minusDays(3).plusMonths(24).minusDays(1));
        assertThat(summary.explanation()).contains("from the purchase date " + LocalDate.now().minusDays(3));
    }

    @Test
    void aUnitRegisteredByASecondPersonIsFlaggedAsAConflictAndTheOwnerStays() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(40)).getFirst();
        intake.register(form(unit, "First Owner", "first@example.com", null));

        var second = intake.register(form(unit, "Second Person", "second@example.com", null));

        assertThat(second.accepted()).isFalse();
        assertThat(second.message()).contains("already registered to someone else").contains("reviewed");
        assertThat(owners.owner(unit.value()).orElseThrow().ownerName()).isEqualTo("First Owner");
        var conflicts = as("warranty", () -> owners.openConflicts(), Role.WARRANTY_NAME);
        assertThat(conflicts).anySatisfy(c -> {
            assertThat(c.serial()).isEqualTo(unit.value());
            assertThat(c.ownerName()).isEqualTo("Second Person");
            assertThat(c.status()).isEqualTo(RegistrationStatus.CONFLICT);
        });
        // Registering again as the same owner changes nothing
        assertThat(intake.register(form(unit, "First Owner", "FIRST@example.com", null)).message())
                .contains("already registered to you");
    }

    @Test
    void aResaleTransfersOwnershipAndKeepsTheWarrantyStart() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(40)).getFirst();
        intake.register(form(unit, "Seller", "seller@example.com", null));

        var buyer = as("service", () -> owners.transfer(unit.value(), LocalDate.now(), "Buyer", "buyer@example.com", null),
                Role.SERVICE_CENTER_NAME);

        assertThat(buyer.status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(buyer.purchaseDate()).isEqualTo(LocalDate.now().minusDays(3));
        var history = as("service", () -> owners.history(unit.value()), Role.SERVICE_CENTER_NAME);
        assertThat(history).extracting(OwnershipView::status)
                .containsExactly(RegistrationStatus.TRANSFERRED, RegistrationStatus.ACTIVE);
    }

    @Test
    void forgedSerialsWrongFilesAndFutureDatesAreRefusedWithClearWords() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(40)).getFirst();
        String forged = WarrantyTestUnits.forged(unit);
        assertThatThrownBy(() -> intake.register(form(new SerialNumber(forged), "X", "x@example.com", null)))
                .hasMessageStartingWith("serial: " + forged + " is not a genuine serial");
        assertThat(jdbc.queryForObject("select count(*) from suspect_serial_presentation where serial = ? "
                + "and context = 'REGISTRATION'", Long.class, forged)).isEqualTo(1);

        assertThatThrownBy(() -> intake.register(form(unit, "X", "x@example.com", "hello, not an image".getBytes())))
                .hasMessage("proofOfPurchase: only PNG, JPEG or PDF files are accepted; this file is none of them");
        var big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        assertThatThrownBy(() -> intake.register(form(unit, "X", "x@example.com", big)))
                .hasMessageContaining("proofOfPurchase: ").hasMessageContaining("at most 5 MB");
        assertThatThrownBy(() -> intake.register(new PublicRegistration(new Gtin(PHONE), unit, LocalDate.now().plusDays(1),
                "Shop", "X", "x@example.com", null, null, null))).hasMessageStartingWith("purchaseDate: ");
        assertThat(owners.owner(unit.value())).isEmpty();
    }

    @Test
    void anExcelUploadWithOneBadRowImportsNothingAndNamesTheRow() {
        var units = phones(issuance, 3, LocalDate.now().minusDays(40));
        long before = jdbc.queryForObject("select count(*) from warranty_claim", Long.class);
        var rows = new ArrayList<List<String>>();
        rows.add(List.of(PHONE, units.get(0).value(), "DISPLAY", LocalDate.now().minusDays(1).toString(), "Row Two",
                "two@example.com", "Black screen", "R-2"));
        rows.add(List.of(PHONE, units.get(1).value(), "DISPLAY", LocalDate.now().plusDays(5).toString(), "Row Three",
                "three@example.com", "Future failure", "R-3"));
        rows.add(List.of(PHONE, units.get(2).value(), "BATTERY", LocalDate.now().minusDays(1).toString(), "Row Four",
                "four@example.com", "Swollen", "R-4"));

        var report = as("service", () -> claims.importWorkbook(ClaimWorkbook.write(rows), null), Role.SERVICE_CENTER_NAME);

        assertThat(report.imported()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(3);
            assertThat(p.message()).startsWith("Failure date: ").contains("in the future");
        });
        assertThat(jdbc.queryForObject("select count(*) from warranty_claim", Long.class)).isEqualTo(before);
    }

    @Test
    void aGoodExcelUploadImportsEveryRowWithItsDecision() {
        var units = phones(issuance, 2, LocalDate.now().minusDays(40));
        WarrantyTestUnits.owned(owners, units.get(0), "Eve One", "eve1@example.com");
        var rows = List.of(
                List.of(PHONE, units.get(0).value(), "display", LocalDate.now().minusDays(1).toString(), "Eve One",
                        "eve1@example.com", "Lines on screen", "XL-1"),
                List.of(PHONE, units.get(1).value(), "Water damage", LocalDate.now().minusDays(1).toString(), "Eve Two",
                        "eve2@example.com", "Fell in the sink", "XL-2"));

        var report = as("service", () -> claims.importWorkbook(ClaimWorkbook.write(rows), null), Role.SERVICE_CENTER_NAME);

        assertThat(report.imported()).isTrue();
        assertThat(report.results()).extracting(r -> r.claim().decision())
                .containsExactly(ClaimDecision.APPROVED, ClaimDecision.DENIED);
        assertThat(report.results()).allMatch(r -> r.claim().channel() == ClaimChannel.EXCEL);
        assertThat(report.results().get(1).claim().decisionReasons()).contains("Water damage is excluded");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.serialregistry.serial.Units units;

    @Test
    void anUploadedClaimOnASoldUnitIsApprovedWhenItsRowQuotesTheSellersReceipt() {
        var sold = phones(issuance, 2, LocalDate.now().minusDays(40));
        for (var unit : sold) {
            as("retail", () -> units.record(new org.serialregistry.serial.NewLifecycleEvent(List.of(unit),
                    org.serialregistry.serial.EpcisEventType.OBJECT_EVENT, org.serialregistry.serial.BusinessStep.RETAIL_SELLING,
                    org.serialregistry.serial.Disposition.RETAIL_SOLD,
                    LocalDate.now().minusDays(20).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), null, null, null, null,
                    java.util.Map.of("inv", "POS-" + unit.value()), org.serialregistry.serial.UnitStatus.SUPPLIED, null)),
                    "DISTRIBUTOR");
        }
        var rows = List.of(
                List.of(PHONE, sold.get(0).value(), "DISPLAY", LocalDate.now().minusDays(1).toString(), "Kim Buyer",
                        "kim@example.com", "Lines on screen", "RC-1", "POS-" + sold.get(0).value()),
                List.of(PHONE, sold.get(1).value(), "DISPLAY", LocalDate.now().minusDays(1).toString(), "Kim Buyer",
                        "kim@example.com", "Lines on screen", "RC-2", ""));

        var report = as("service", () -> claims.importWorkbook(ClaimWorkbook.write(rows), null), Role.SERVICE_CENTER_NAME);

        assertThat(report.imported()).isTrue();
        assertThat(report.results()).extracting(r -> r.claim().decision())
                .containsExactly(ClaimDecision.APPROVED, ClaimDecision.NEEDS_REVIEW);
        assertThat(report.results().get(1).claim().decisionReasons()).contains("the claim quotes no receipt number");
    }
}

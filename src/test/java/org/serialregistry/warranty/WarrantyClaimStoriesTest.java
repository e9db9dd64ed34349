package org.serialregistry.warranty;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/** Service centres submit claims; the registry decides the clear ones and writes down why. */
@IntegrationTest
@RecordApplicationEvents
class WarrantyClaimStoriesTest {

    @Autowired
    ClaimIntake claims;
    @Autowired
    ClaimQueries claimQueries;
    @Autowired
    ClaimDecisions claimDecisions;
    @Autowired
    OwnershipRegistry owners;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    UserAdministration users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEvents events;

    private void register(SerialNumber serial, String name, String email, LocalDate purchase) {
        as("service", () -> owners.register(new NewRegistration(PHONE, serial.value(), purchase, "Elektro Markt", name,
                email, null, null), RegistrationChannel.PORTAL), Role.SERVICE_CENTER_NAME);
    }

    private ClaimResult claim(SerialNumber serial, String defect, LocalDate failure, String name, String email) {
        return as("service", () -> claims.submit(new NewClaim(PHONE, serial.value(), defect, failure, name, email,
                "Stopped working", null), ClaimChannel.PORTAL), Role.SERVICE_CENTER_NAME);
    }

    @Test
    void aCleanClaimIsApprovedAutomaticallyWithAnRmaNumberAndEveryCheckRecorded() {
        var unit = phones(issuance, 3, LocalDate.now().minusDays(30)).getFirst();
        register(unit, "Ann Owner", "ann@example.com", LocalDate.now().minusDays(20));

        var result = claim(unit, "display", LocalDate.now().minusDays(1), "Ann Owner", "ANN@example.com");

        assertThat(result.claim().decision()).isEqualTo(ClaimDecision.APPROVED);
        assertThat(result.claim().state()).isEqualTo(ClaimState.RMA_ISSUED);
        assertThat(result.claim().rmaNumber()).isEqualTo(result.claim().id().rma());
        assertThat(result.claim().decisionReasons()).isEqualTo("All 8 checks passed");
        assertThat(result.checks()).extracting(CheckResult::check).containsExactly(ClaimCheck.values());
        assertThat(result.checks()).allMatch(CheckResult::passed);
        var stored = as("warranty", () -> claimQueries.detail(result.claim().id()).orElseThrow(), Role.WARRANTY_NAME);
        assertThat(stored.checks()).isEqualTo(result.checks());
        assertThat(stored.checks().get(3).detail()).contains("within cover").contains("24 months from the purchase date");
        assertThat(events.stream(ClaimDecided.class).filter(e -> e.claimId().equals(result.claim().id())))
                .singleElement().satisfies(e -> assertThat(e.automatic()).isTrue());
    }

    @Test
    void anOutOfTermClaimIsDeniedWithTheReasonInWords() {
        var unit = phones(issuance, 2, LocalDate.of(2021, 3, 1)).getFirst();

        var result = claim(unit, "BATTERY", LocalDate.now().minusDays(2), "Old Owner", "old@example.com");

        assertThat(result.claim().decision()).isEqualTo(ClaimDecision.DENIED);
        assertThat(result.claim().rmaNumber()).isNull();
        assertThat(result.claim().decisionReasons())
                .contains("Within the warranty term failed")
                .contains("after cover ended on 2023-02-28")
                .contains("no purchase date is registered");
        assertThat(result.checks()).filteredOn(c -> !c.passed()).extracting(CheckResult::check)
                .as("never sold or registered: nobody vouches for the claimant either")
                .containsExactly(ClaimCheck.WITHIN_TERM, ClaimCheck.CLAIMANT_IS_OWNER);
    }

    @Test
    void aSecondClaimForTheSameDefectGoesToReviewAndIsReportedAsSuspectedDuplicate() {
        var unit = phones(issuance, 2, LocalDate.now().minusDays(10)).getFirst();
        register(unit, "Dup Owner", "dup@example.com", LocalDate.now().minusDays(5));
        var first = claim(unit, "DISPLAY", LocalDate.now().minusDays(3), "Dup Owner", "dup@example.com");

        var second = claim(unit, "DISPLAY", LocalDate.now().minusDays(1), "Dup Owner", "dup@example.com");

        assertThat(first.claim().decision()).isEqualTo(ClaimDecision.APPROVED);
        assertThat(second.claim().decision()).isEqualTo(ClaimDecision.NEEDS_REVIEW);
        assertThat(second.claim().decisionReasons()).contains("Not a duplicate").contains(first.claim().claimNumber());
        assertThat(events.stream(DuplicateClaimSuspected.class).filter(e -> e.claimId().equals(second.claim().id())))
                .singleElement().satisfies(e -> assertThat(e.earlierClaims()).containsExactly(first.claim().claimNumber()));
    }

    @Autowired
    org.serialregistry.counterfeit.AlertCases alertCases;

    @Test
    void aClaimantWhoClaimsForAThirdUnitWithinThirtyDaysIsReportedAsSerialHopping() throws Exception {
        var units = phones(issuance, 3, LocalDate.now().minusDays(20));
        var first = claim(units.get(0), "DISPLAY", LocalDate.now().minusDays(3), "Hop Per", "Hopper@Example.com");
        var second = claim(units.get(1), "BATTERY", LocalDate.now().minusDays(2), "Hop Per", "hopper@example.com");
        assertThat(events.stream(SerialHoppingSuspected.class)).as("two units are no pattern yet").isEmpty();

        var third = claim(units.get(2), "DISPLAY", LocalDate.now().minusDays(1), "H. Per", "hopper@example.com");

        assertThat(events.stream(SerialHoppingSuspected.class)).singleElement().satisfies(e -> {
            assertThat(e.claimId()).isEqualTo(third.claim().id());
            assertThat(e.claimantEmail()).isEqualTo("hopper@example.com");
            assertThat(e.otherSerials()).containsExactlyInAnyOrder(units.get(0).value(), units.get(1).value());
        });
        assertThat(first.claim().claimNumber()).isNotEqualTo(second.claim().claimNumber());
        // counterfeit detection opens a case on the third unit (after commit, on its own thread)
        var found = await().pollInSameThread().atMost(java.time.Duration.ofSeconds(30)).until(() -> as("fran", () -> alertCases.search(
                new org.serialregistry.counterfeit.CaseQuery(units.get(2).value(), null,
                        org.serialregistry.counterfeit.SignalType.SERIAL_HOPPING_CLAIM, 10)), "FORENSICS"), f -> !f.isEmpty());
        assertThat(found).as("a serial-hopping case for the third unit").hasSize(1);
    }

    @Test
    void aForgedSerialIsRefusedNothingIsWrittenAndTheAttemptIsSignalled() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(10)).getFirst();
        String forged = WarrantyTestUnits.forged(unit);
        long claimsBefore = jdbc.queryForObject("select count(*) from warranty_claim", Long.class);

        assertThatThrownBy(() -> claim(new SerialNumber(forged), "DISPLAY", null, "Faker", "fake@example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("serial: " + forged + " is not a genuine serial");

        assertThat(jdbc.queryForObject("select count(*) from warranty_claim", Long.class)).isEqualTo(claimsBefore);
        assertThat(jdbc.queryForObject("select count(*) from suspect_serial_presentation where serial = ? and reason = 'FORGED'",
                Long.class, forged)).isEqualTo(1);
        assertThat(events.stream(SuspectSerialPresented.class).filter(e -> e.serial().equals(forged)))
                .singleElement().satisfies(e -> assertThat(e.context()).isEqualTo("CLAIM"));
    }

    @Test
    void claimsWithMissingFieldsOrFutureDatesAreRefusedNamingTheField() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(10)).getFirst();
        assertThatThrownBy(() -> claim(unit, "DISPLAY", LocalDate.now().plusDays(2), "A", "a@example.com"))
                .hasMessageStartingWith("failureDate: ").hasMessageContaining("in the future");
        assertThatThrownBy(() -> claim(unit, "TELEPORTATION", null, "A", "a@example.com"))
                .hasMessageStartingWith("defectCode: unknown defect code 'TELEPORTATION'");
        assertThatThrownBy(() -> claim(unit, "DISPLAY", null, "A", "not-an-address"))
                .hasMessageStartingWith("claimantEmail: ");
        assertThatThrownBy(() -> claim(unit, "DISPLAY", null, " ", "a@example.com"))
                .hasMessageStartingWith("claimantName: ");
    }

    private ClaimView claimNeedingReview() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(30)).getFirst();
        register(unit, "Real Owner", "real@example.com", LocalDate.now().minusDays(20));
        var result = claim(unit, "DISPLAY", LocalDate.now().minusDays(1), "Somebody Else", "else@example.com");
        assertThat(result.claim().decision()).isEqualTo(ClaimDecision.NEEDS_REVIEW);
        return result.claim();
    }

    @Test
    void anAdjudicatorApprovesAClaimInReviewWithAnElectronicSignatureBoundToTheClaim() {
        var claim = claimNeedingReview();

        var decided = as("warranty", () -> claimDecisions.decide(claim.id(), claim.version(), ClaimDecision.APPROVED,
                SignatureMeaning.APPROVAL, "Receipt shows a gift from the owner", "warranty"), Role.WARRANTY_NAME);

        assertThat(decided.claim().state()).isEqualTo(ClaimState.RMA_ISSUED);
        assertThat(decided.claim().decidedBy()).isEqualTo("warranty");
        assertThat(decided.signatures()).singleElement().satisfies(s -> {
            assertThat(s.printedName()).isEqualTo("Wendy Warranty");
            assertThat(s.meaning()).isEqualTo(SignatureMeaning.APPROVAL);
            assertThat(s.contentHash()).matches("[0-9a-f]{64}");
            assertThat(s.signedAt()).isNotNull();
        });
    }

    @Test
    void aSignatureWithTheWrongPasswordIsRefusedAndTheClaimStaysInReview() {
        var claim = claimNeedingReview();

        assertThatThrownBy(() -> as("warranty", () -> claimDecisions.decide(claim.id(), claim.version(), ClaimDecision.APPROVED,
                SignatureMeaning.APPROVAL, null, "not-my-password"), Role.WARRANTY_NAME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("password: ");

        var after = as("warranty", () -> claimQueries.detail(claim.id()).orElseThrow(), Role.WARRANTY_NAME);
        assertThat(after.claim().state()).isEqualTo(ClaimState.NEEDS_REVIEW);
        assertThat(after.signatures()).isEmpty();
    }

    @Test
    void whenTwoAdjudicatorsDecideTheSameClaimAtOnceOneWinsAndTheOtherIsToldWhoDecided() throws Exception {
        users.createIfAbsent("walter", "Walter Second", "walter-password-1", java.util.Set.of(Role.WARRANTY));
        var claim = claimNeedingReview();
        var start = new CountDownLatch(1);
        Callable<Object> wendy = () -> {
            start.await();
            return as("warranty", () -> claimDecisions.decide(claim.id(), claim.version(), ClaimDecision.APPROVED,
                    SignatureMeaning.APPROVAL, null, "warranty"), Role.WARRANTY_NAME);
        };
        Callable<Object> walter = () -> {
            start.await();
            return as("walter", () -> claimDecisions.decide(claim.id(), claim.version(), ClaimDecision.DENIED,
                    SignatureMeaning.REVIEW, "Not the owner", "walter-password-1"), Role.WARRANTY_NAME);
        };
        List<Future<Object>> outcomes;
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(wendy);
            var b = pool.submit(walter);
            start.countDown();
            outcomes = List.of(a, b);
            for (var f : outcomes) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException ignored) {
                    // inspected below
                }
            }
        }
        var failures = outcomes.stream().filter(f -> f.state() == Future.State.FAILED).map(Future::exceptionNow).toList();
        assertThat(failures).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(ClaimConflictException.class);
            assertThat(e.getMessage()).contains(claim.claimNumber()).contains("was changed meanwhile by")
                    .contains("Reload it before deciding");
        });
        var after = as("warranty", () -> claimQueries.detail(claim.id()).orElseThrow(), Role.WARRANTY_NAME);
        assertThat(after.signatures()).hasSize(1);
        assertThat(after.claim().version()).isEqualTo(claim.version() + 1);
    }

    @Test
    void aStaleDecisionIsRefusedWithAClearMessage() {
        var claim = claimNeedingReview();
        as("warranty", () -> claimDecisions.decide(claim.id(), claim.version(), ClaimDecision.DENIED, SignatureMeaning.REVIEW,
                "Claimant is not the owner", "warranty"), Role.WARRANTY_NAME);

        assertThatThrownBy(() -> as("warranty", () -> claimDecisions.decide(claim.id(), claim.version(), ClaimDecision.APPROVED,
                SignatureMeaning.APPROVAL, null, "warranty"), Role.WARRANTY_NAME))
                .isInstanceOf(ClaimConflictException.class)
                .hasMessage("Claim " + claim.claimNumber() + " was changed meanwhile by warranty: it is now denied. "
                        + "Reload it before deciding.");
    }
}

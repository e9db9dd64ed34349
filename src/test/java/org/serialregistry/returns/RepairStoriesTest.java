package org.serialregistry.returns;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.security.Role;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.Units;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.NewClaim;
import org.serialregistry.warranty.ServiceOutcome;
import org.serialregistry.warranty.ClaimIntake;
import org.serialregistry.warranty.ClaimQueries;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.owned;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/** A service centre repairs or replaces units under an RMA; the faulty and the replacement serial are linked. */
@IntegrationTest
class RepairStoriesTest {

    @Autowired
    Repairs repairs;
    @Autowired
    ClaimIntake claims;
    @Autowired
    ClaimQueries claimQueries;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    org.serialregistry.warranty.OwnershipRegistry owners;

    @Test
    void aReplacementIsRecordedOnTheClaimAndLinkedBothWaysInServiceHistory() {
        var pair = phones(issuance, 2, LocalDate.now().minusDays(20));
        var faulty = pair.get(0);
        var spare = pair.get(1);
        owned(owners, faulty, "Rex Owner", "rex@example.com");
        var claim = as("service", () -> claims.submit(new NewClaim(PHONE, faulty.value(), "POWER", null, "Rex Owner",
                "rex@example.com", "Does not charge", null), ClaimChannel.PORTAL), Role.SERVICE_CENTER_NAME).claim();
        assertThat(claim.state()).isEqualTo(ClaimState.RMA_ISSUED);

        var repair = as("service", () -> repairs.log(new NewRepair(claim.id(), claim.version(), "Main board dead; swapped unit",
                "none", "Tina Tech", ServiceOutcome.REPLACED, spare.value().toLowerCase())), Role.SERVICE_CENTER_NAME);

        assertThat(repair.replacementSerial()).isEqualTo(spare.value());
        var after = as("service", () -> claimQueries.find(claim.id()).orElseThrow(), Role.SERVICE_CENTER_NAME);
        assertThat(after.state()).isEqualTo(ClaimState.REPLACED);
        assertThat(after.replacementSerial()).isEqualTo(spare.value());

        var ofSpare = as("service", () -> repairs.history(spare.value()).orElseThrow(), Role.SERVICE_CENTER_NAME);
        assertThat(ofSpare.replacementFor()).extracting(c -> c.serial()).containsExactly(faulty.value());
        assertThat(ofSpare.events()).anySatisfy(e -> {
            assertThat(e.bizStep()).isEqualTo(BusinessStep.REPLACING);
            assertThat(e.bizTransactions()).containsEntry("rma", claim.rmaNumber());
        });
        var ofFaulty = as("service", () -> repairs.history(faulty.value()).orElseThrow(), Role.SERVICE_CENTER_NAME);
        assertThat(ofFaulty.claims()).extracting(c -> c.replacementSerial()).containsExactly(spare.value());
        assertThat(ofFaulty.repairs()).singleElement().satisfies(r -> assertThat(r.technician()).isEqualTo("Tina Tech"));
    }

    @Test
    void aRepairNeedsAnRmaAndAReplacementNeedsAGenuineSerial() {
        var pair = phones(issuance, 2, LocalDate.now().minusDays(20));
        owned(owners, pair.get(0), "Ivy Owner", "ivy@example.com");
        var claim = as("service", () -> claims.submit(new NewClaim(PHONE, pair.get(0).value(), "DISPLAY", null, "Ivy Owner",
                "ivy@example.com", null, null), ClaimChannel.PORTAL), Role.SERVICE_CENTER_NAME).claim();

        assertThatThrownBy(() -> as("service", () -> repairs.log(new NewRepair(claim.id(), claim.version(), "Swap", null,
                "Tina Tech", ServiceOutcome.REPLACED, "ZZZZZZZZZZZZZZZZZZZZ")), Role.SERVICE_CENTER_NAME))
                .hasMessageStartingWith("serial: ZZZZZZZZZZZZZZZZZZZZ is not a genuine serial");
        assertThatThrownBy(() -> as("service", () -> repairs.log(new NewRepair(claim.id(), claim.version(), " ", null,
                "Tina Tech", ServiceOutcome.REPAIRED, null)), Role.SERVICE_CENTER_NAME))
                .hasMessageStartingWith("actions: ");
        var repaired = as("service", () -> repairs.log(new NewRepair(claim.id(), claim.version(), "New display", "AX2-DSP-01",
                "Tina Tech", ServiceOutcome.REPAIRED, null)), Role.SERVICE_CENTER_NAME);
        assertThat(repaired.outcome()).isEqualTo(ServiceOutcome.REPAIRED);
        assertThat(units.history(pair.get(0))).anySatisfy(e -> assertThat(e.bizStep()).isEqualTo(BusinessStep.REPAIRING));
        assertThatThrownBy(() -> as("service", () -> repairs.log(new NewRepair(claim.id(), claim.version() + 1, "Again",
                null, "Tina Tech", ServiceOutcome.REPAIRED, null)), Role.SERVICE_CENTER_NAME))
                .hasMessageContaining("is repaired; service is logged on claims with an RMA number");
    }

    @Autowired
    ServiceQueue queue;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aServiceCentreWorksItsOwnAndUnassignedRmasButNeverAnotherCentres() {
        var units = phones(issuance, 4, LocalDate.now().minusDays(20));
        owned(owners, units.get(0), "Ola Owner", "ola@example.com");
        owned(owners, units.get(1), "Pia Owner", "pia@example.com");
        owned(owners, units.get(2), "Uwe Owner", "uwe@example.com");
        owned(owners, units.get(3), "Eva Owner", "eva@example.com");
        // submitted by the Frankfurt centre's user: with SVC-DE
        var ours = as("service", () -> claims.submit(new NewClaim(PHONE, units.get(0).value(), "DISPLAY", null, "Ola Owner",
                "ola@example.com", null, null), ClaimChannel.PORTAL), Role.SERVICE_CENTER_NAME).claim();
        // claims filed by the warranty desk for owners: unassigned until a centre takes them
        var taken = deskClaim(units.get(1).value(), "pia@example.com");
        var elsewhere = deskClaim(units.get(2).value(), "uwe@example.com");
        var unassigned = deskClaim(units.get(3).value(), "eva@example.com");
        // another centre took one of them
        jdbc.update("insert into rma_assignment (claim_id, service_party, assigned_by, assigned_at) values (?, 'SVC-AT', "
                + "'vienna', current_timestamp)", elsewhere.id().value());

        var queueOfFrankfurt = as("service", () -> queue.underRma(), Role.SERVICE_CENTER_NAME);
        assertThat(queueOfFrankfurt).filteredOn(i -> i.claim().id().equals(ours.id())).singleElement()
                .satisfies(i -> assertThat(i.serviceParty()).isEqualTo("SVC-DE"));
        assertThat(queueOfFrankfurt).filteredOn(i -> i.claim().id().equals(taken.id())).singleElement()
                .satisfies(i -> assertThat(i.serviceParty()).isNull());
        assertThat(queueOfFrankfurt).noneMatch(i -> i.claim().id().equals(elsewhere.id()));
        var all = as("admin", () -> queue.underRma(), "ADMIN");
        assertThat(all).anyMatch(i -> i.claim().id().equals(elsewhere.id()) && "SVC-AT".equals(i.serviceParty()));

        assertThat(as("service", () -> queue.take(taken.id()), Role.SERVICE_CENTER_NAME).serviceParty()).isEqualTo("SVC-DE");
        assertThatThrownBy(() -> as("service", () -> repairs.log(new NewRepair(elsewhere.id(), elsewhere.version(),
                "Swap display", null, "Tina Tech", ServiceOutcome.REPAIRED, null)), Role.SERVICE_CENTER_NAME))
                .hasMessage("claim: " + elsewhere.rmaNumber() + " is with service centre SVC-AT, not with SVC-DE");
        assertThat(as("admin", () -> claimQueries.find(elsewhere.id()).orElseThrow(), "ADMIN").state())
                .as("nothing written").isEqualTo(ClaimState.RMA_ISSUED);

        // logging a repair on an unassigned RMA takes it for the centre
        as("service", () -> repairs.log(new NewRepair(unassigned.id(), unassigned.version(), "New battery", null,
                "Tina Tech", ServiceOutcome.REPAIRED, null)), Role.SERVICE_CENTER_NAME);
        assertThat(jdbc.queryForObject("select service_party from rma_assignment where claim_id = ?", String.class,
                unassigned.id().value())).isEqualTo("SVC-DE");
    }

    @Test
    void aRepairRecordNamesTheServiceCentreThatDidIt() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(20)).getFirst();
        owned(owners, unit, "Desk Owner", "desk@example.com");
        var claim = deskClaim(unit.value(), "desk@example.com");
        assertThat(claim.state()).isEqualTo(ClaimState.RMA_ISSUED);

        var repair = as("service", () -> repairs.log(new NewRepair(claim.id(), claim.version(), "New battery", null,
                "Tina Tech", ServiceOutcome.REPAIRED, null)), Role.SERVICE_CENTER_NAME);

        assertThat(repair.serviceCentre()).isEqualTo("SVC-DE");
        assertThat(jdbc.queryForObject("select service_party from repair_record where id = ?", String.class, repair.id()))
                .as("stored with the repair, not only with the RMA").isEqualTo("SVC-DE");
        var history = as("service", () -> repairs.history(unit.value()).orElseThrow(), Role.SERVICE_CENTER_NAME);
        assertThat(history.repairs()).singleElement().satisfies(r -> assertThat(r.serviceCentre()).isEqualTo("SVC-DE"));
    }

    private org.serialregistry.warranty.ClaimView deskClaim(String serial, String email) {
        return as("wanda", () -> claims.submit(new NewClaim(PHONE, serial, "BATTERY", null, "Desk Owner", email, null, null),
                ClaimChannel.API), "WARRANTY").claim();
    }
}

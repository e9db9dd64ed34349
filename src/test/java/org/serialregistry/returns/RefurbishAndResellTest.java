package org.serialregistry.returns;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Refurbish and resell: a returned phone is routed to repair, a person overrides that with a signed
 * reason to refurbish, the desk refurbishes it under a new serial, and the new unit is sold again.
 */
@IntegrationTest
class RefurbishAndResellTest extends ReturnsMvcTest {

    @Autowired
    ReturnsDesk desk;
    @Autowired
    ReturnDispositions dispositions;
    @Autowired
    org.serialregistry.warranty.WarrantyCoverage coverage;

    @Test
    void aReturnedPhoneIsRefurbishedUnderANewSerialAndSoldAgain() throws Exception {
        LocalDate made = LocalDate.now().minusDays(40);
        var original = phonesAtDistributor(1, made).getFirst();

        var ret = as("service", () -> desk.receive(new NewReturn(null, "DIST-DE",
                List.of(new NewReturn.Line(original.value(), "defective", "Cracked housing"))), "PORTAL"), "SERVICE_CENTER");
        var line = ret.lines().getFirst();
        assertThat(line.disposition()).isEqualTo(ReturnDisposition.REPAIR);

        // a wrong password signs nothing
        assertThatThrownBy(() -> as("service", () -> dispositions.override(line.id(), line.version(), ReturnDisposition.REFURBISH,
                "RESPONSIBILITY", "Housing cracked beyond repair", "wrong"), "SERVICE_CENTER"))
                .hasMessageStartingWith("password: ");
        var overridden = as("service", () -> dispositions.override(line.id(), line.version(), ReturnDisposition.REFURBISH,
                "RESPONSIBILITY", "Housing cracked beyond repair", "service"), "SERVICE_CENTER");
        assertThat(overridden.overridden()).isTrue();
        assertThat(overridden.dispositionWhy()).startsWith("Overridden by ").contains("Housing cracked beyond repair",
                "responsibility", "was repair");

        var done = as("service", () -> dispositions.complete(line.id(), overridden.version()), "SERVICE_CENTER");
        var fresh = new SerialNumber(done.resultSerial());
        assertThat(fresh).isNotEqualTo(original);

        // the original is decommissioned, the new unit's history starts from it
        assertThat(units.find(original).orElseThrow().status()).isEqualTo(UnitStatus.DECOMMISSIONED);
        assertThat(units.history(original)).anySatisfy(e -> assertThat(e.bizStep()).isEqualTo(BusinessStep.DECOMMISSIONING));
        assertThat(units.history(fresh)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(EpcisEventType.TRANSFORMATION_EVENT);
            assertThat(e.reason()).contains("refurbished from " + original.value());
        });

        // the public page of the new code tells both dates
        var page = publicAnswer(fresh);
        assertThat(page.get("verdict").asString()).isEqualTo("GENUINE");
        assertThat(page.get("message").asString()).startsWith("Refurbished on " + LocalDate.now() + ", originally made on " + made);
        // the old code is now suspect, and a scan of it raises a signal
        var old = publicAnswer(original);
        assertThat(old.get("additionalInfo").asString()).isEqualTo("Suspect");
        assertThat(old.get("message").asString()).contains("refurbished and now carries a new code");
        await("a scanned-while-inactive case").pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> as("forensics", () -> cases.search(new CaseQuery(original.value(), null,
                        SignalType.SCANNED_WHILE_INACTIVE, 5)), "FORENSICS"), found -> !found.isEmpty());

        // the new unit has its own label
        mvc.perform(get("/api/v1/serials/" + fresh.value() + "/label.png").header("Authorization", PRODUCTION))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.IMAGE_PNG));

        // genealogy both ways
        mvc.perform(get("/api/v1/units/" + fresh.value() + "/genealogy").header("Authorization", SERVICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ancestors[0].serial").value(original.value()))
                .andExpect(jsonPath("$.ancestors[0].relation").value("REFURBISHED_FROM"));
        mvc.perform(get("/api/v1/units/" + original.value() + "/genealogy").header("Authorization", SERVICE))
                .andExpect(jsonPath("$.descendants[0].serial").value(fresh.value()))
                .andExpect(jsonPath("$.descendants[0].relation").value("REFURBISHED_INTO"));
        mvc.perform(get("/api/v1/returns/units/" + original.value() + "/disposition").header("Authorization", SERVICE))
                .andExpect(jsonPath("$.done").value(true)).andExpect(jsonPath("$.resultSerial").value(fresh.value()));

        // and it is sold again, with the cover of the refurbishment policy (6 months for this product now)
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                        "/api/v1/warranty/refurbishment-policies/" + PHONE).header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"gtin\":\"" + PHONE + "\",\"termMonths\":6}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.termMonths").value(6));
        as("admin", () -> sales.sell("MFG-DE", List.of(fresh.value()), "INV-RF-1"), "ADMIN");
        assertThat(units.find(fresh).orElseThrow().status()).isEqualTo(UnitStatus.SUPPLIED);
        var cover = coverage.today(new org.serialregistry.shared.Gtin(PHONE), fresh).orElseThrow();
        assertThat(cover.covered()).isTrue();
        assertThat(cover.until()).isEqualTo(LocalDate.now().plusMonths(6).minusDays(1));
        assertThat(cover.explanation()).contains("refurbishment policy", "originally made on " + made);
        // the original takes no further change
        assertThatThrownBy(() -> as("service", () -> dispositions.complete(line.id(), done.version()), "SERVICE_CENTER"))
                .hasMessageStartingWith("line: the disposition was already carried out");
    }

    @Autowired
    org.serialregistry.warranty.ClaimIntake claims;
    @Autowired
    org.serialregistry.warranty.ClaimDecisions claimDecisions;
    @Autowired
    Repairs repairs;

    @Test
    void aReplacementInheritsTheRemainingCoverOfTheUnitItReplacesUnlessThePolicySaysOtherwise() throws Exception {
        var faulty = phones(issuance, 1, LocalDate.now().minusDays(300)).getFirst();
        var spare = phones(issuance, 1, LocalDate.now().minusDays(1)).getFirst();
        var gtin = new org.serialregistry.shared.Gtin(PHONE);
        var faultyCover = coverage.today(gtin, faulty).orElseThrow();
        var spareOwnCover = coverage.today(gtin, spare).orElseThrow();
        assertThat(spareOwnCover.until()).as("a newer unit would be covered longer").isAfter(faultyCover.until());

        var submitted = as("service", () -> claims.submit(new org.serialregistry.warranty.NewClaim(PHONE, faulty.value(),
                "POWER", null, "Rex Owner", "rex@example.com", "Does not charge", null),
                org.serialregistry.warranty.ClaimChannel.PORTAL), "SERVICE_CENTER").claim();
        var claim = submitted.rmaNumber() != null ? submitted : as("warranty", () -> claimDecisions.decide(submitted.id(),
                submitted.version(), org.serialregistry.warranty.ClaimDecision.APPROVED,
                org.serialregistry.warranty.SignatureMeaning.APPROVAL, null, "warranty").claim(), "WARRANTY");
        as("service", () -> repairs.log(new NewRepair(claim.id(), claim.version(), "Board dead; unit swapped", null,
                "Tina Tech", org.serialregistry.warranty.ServiceOutcome.REPLACED, spare.value())), "SERVICE_CENTER");

        var inherited = coverage.today(gtin, spare).orElseThrow();
        assertThat(inherited.until()).isEqualTo(faultyCover.until());
        assertThat(inherited.explanation()).contains("the remaining cover of " + faulty.value(), claim.claimNumber());

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                        "/api/v1/warranty/refurbishment-policies/" + PHONE).header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"termMonths\":12,\"replacementOwnTerm\":true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.replacementOwnTerm").value(true));
        try {
            assertThat(coverage.today(gtin, spare).orElseThrow().until()).isEqualTo(spareOwnCover.until());
        } finally {
            as("warranty", () -> policyOf.setPolicy(gtin, 6, false), "WARRANTY");
        }
    }

    @Autowired
    org.serialregistry.warranty.RefurbishmentCover policyOf;

    JsonNode publicAnswer(SerialNumber serial) throws Exception {
        var result = mvc.perform(get("/01/" + PHONE + "/21/" + serial.value()).accept(MediaType.APPLICATION_JSON)
                .with(r -> {
                    r.setRemoteAddr("10.99.0." + (serial.value().hashCode() & 0x7f));
                    return r;
                })).andReturn();
        return json.readTree(result.getResponse().getContentAsString());
    }
}

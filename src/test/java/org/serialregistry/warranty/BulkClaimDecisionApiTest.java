package org.serialregistry.warranty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A claims system decides a selection of claims at once, as the claim queue does: one signature by the
 * adjudicator, a signature record and an audit entry per claim decided, and per claim left undecided the
 * reason.
 */
@IntegrationTest
class BulkClaimDecisionApiTest extends DemoApi {

    @Autowired
    ClaimIntake intake;
    @Autowired
    SerialIssuance issuance;

    /** Claims that wait for a person: a second claim for the same defect of each unit. */
    List<String> claimsInReview(int count) {
        return phones(issuance, count, LocalDate.now().minusDays(10)).stream()
                .map(unit -> WarrantyTestUnits.claimInReview(intake, unit).claimNumber()).toList();
    }

    String body(List<String> claims, String decision, String note, String signature) {
        return """
                {"claims":%s,"decision":"%s","meaning":"APPROVAL","note":%s,"signature":%s}"""
                .formatted(claims.stream().map(c -> "\"" + c + "\"").toList(), decision, note, signature);
    }

    static final String SIGNED = "{\"username\":\"warranty\",\"password\":\"warranty\"}";

    @Test
    void theAdjudicatorApprovesASelectionWithOneSignatureAndEachClaimIsSignedOnItsOwn() throws Exception {
        var open = claimsInReview(3);
        String decidedBefore = claimsInReview(1).getFirst();
        mvc.perform(post("/api/v1/warranty-claims/" + decidedBefore + "/decision").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"decision":"DENIED","meaning":"RESPONSIBILITY","note":"Water damage",
                                 "signature":%s}""".formatted(SIGNED)))
                .andExpect(status().isOk());
        var selection = new ArrayList<>(open);
        selection.add(1, decidedBefore);
        selection.add("WC-9999999");
        selection.add("not a claim");
        selection.add(open.getFirst());

        var answer = json.readTree(mvc.perform(post("/api/v1/warranty-claims/decisions").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body(selection, "APPROVED", "\"Photos checked: new faults\"", SIGNED)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decided.length()").value(3))
                .andExpect(jsonPath("$.decided[*].claimNumber").value(org.hamcrest.Matchers.contains(open.toArray())))
                .andExpect(jsonPath("$.decided[*].state").value(org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.is("RMA_ISSUED"))))
                .andExpect(jsonPath("$.decided[0].rmaNumber").value(org.hamcrest.Matchers.startsWith("RMA-")))
                .andExpect(jsonPath("$.decided[0].signature.signedBy").value("warranty"))
                .andExpect(jsonPath("$.refused.length()").value(4))
                .andExpect(jsonPath("$.refused[0].claim").value(decidedBefore))
                .andExpect(jsonPath("$.refused[0].reason").value(containsString("only claims that need review")))
                .andExpect(jsonPath("$.refused[1].reason").value(containsString("no claim WC-9999999")))
                .andExpect(jsonPath("$.refused[2].reason").value(containsString("not a claim number")))
                .andExpect(jsonPath("$.refused[3].claim").value(open.getFirst()))
                .andExpect(jsonPath("$.refused[3].reason").value(containsString("named more than once")))
                .andReturn().getResponse().getContentAsString());

        var hashes = new ArrayList<String>();
        answer.get("decided").forEach(d -> hashes.add(d.get("signature").get("contentHash").asString()));
        assertThat(hashes).as("each claim's signature is bound to that claim's content").doesNotHaveDuplicates();
        for (String number : open) {
            assertThat(jdbc.queryForObject("select count(*) from warranty_signature where claim_id = ?", Long.class,
                    ClaimId.of(number).value())).as("signatures of " + number).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'claim.decided' "
                    + "and subject_id = ?", Long.class, number)).as("audit entries of " + number).isEqualTo(1);
        }
        assertThat(state(decidedBefore)).isEqualTo("DENIED");
        assertThat(jdbc.queryForObject("select count(*) from warranty_signature where claim_id = ?", Long.class,
                ClaimId.of(decidedBefore).value())).as("the refused claim keeps its one signature").isEqualTo(1);
    }

    @Test
    void everyWrongFieldIsNamedAtOnceBeforeAnyPasswordIsTried() throws Exception {
        var open = claimsInReview(1);
        long refusedSignatures = refusedSignatures();
        mvc.perform(post("/api/v1/warranty-claims/decisions").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"claims\":[],\"decision\":\"DENIED\",\"signature\":{\"username\":\"warranty\","
                                + "\"password\":\"guess\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("claims"))
                .andExpect(jsonPath("$.detail").value(containsString("meaning:")))
                .andExpect(jsonPath("$.detail").value(containsString("note: say in words why")));
        assertThat(refusedSignatures()).as("no password was tried").isEqualTo(refusedSignatures);

        mvc.perform(post("/api/v1/warranty-claims/decisions").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body(java.util.Collections.nCopies(501, open.getFirst()), "APPROVED", "null", SIGNED)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("claims"))
                .andExpect(jsonPath("$.detail").value(containsString("at most 500")));
        assertThat(state(open.getFirst())).isEqualTo("NEEDS_REVIEW");
    }

    @Test
    void anApiKeyAloneOrAWrongPasswordDecidesNothing() throws Exception {
        var open = claimsInReview(2);
        mvc.perform(post("/api/v1/warranty-claims/decisions").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON).content(body(open, "APPROVED", "null", "null")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.username"))
                .andExpect(jsonPath("$.detail").value(containsString("an API key alone cannot sign")));
        mvc.perform(post("/api/v1/warranty-claims/decisions").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON).content(body(open, "APPROVED", "null",
                                "{\"username\":\"warranty\",\"password\":\"guess\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.password"));
        mvc.perform(post("/api/v1/warranty-claims/decisions").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON).content(body(open, "APPROVED", "null",
                                "{\"username\":\"quality\",\"password\":\"quality\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("may not sign")));

        assertThat(open).allSatisfy(number -> assertThat(state(number)).isEqualTo("NEEDS_REVIEW"));
        assertThat(jdbc.queryForObject("select count(*) from warranty_signature where claim_id in (?, ?)", Long.class,
                ClaimId.of(open.get(0)).value(), ClaimId.of(open.get(1)).value())).isZero();
    }

    long refusedSignatures() {
        return jdbc.queryForObject("select count(*) from audit_entry where action = 'signature.refused' "
                + "and subject_id = 'warranty'", Long.class);
    }

    String state(String number) {
        return jdbc.queryForObject("select state from warranty_claim where id = ?", String.class, ClaimId.of(number).value());
    }
}

package org.serialregistry.warranty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A claims system decides a claim that needs review through the API: the person who decides signs
 * in the same request, and an API key alone signs nothing.
 */
@IntegrationTest
class ClaimDecisionApiTest {

    static final String WARRANTY_KEY = "Bearer sr_demowarr_WarrantyDemoKeyNotForProduction";

    @Autowired
    WebApplicationContext context;
    @Autowired
    ClaimIntake claims;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    JdbcTemplate jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** A second claim for the same defect: it waits for a person. */
    String claimInReview() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(10)).getFirst();
        return WarrantyTestUnits.claimInReview(claims, unit).claimNumber();
    }

    String decision(String signature) {
        return """
                {"decision":"APPROVED","meaning":"APPROVAL","note":"Checked the photos: a new fault",
                 "signature":%s}""".formatted(signature);
    }

    @Test
    void theAdjudicatorSignsWithTheirPasswordAndTheSignatureIsTheirs() throws Exception {
        String number = claimInReview();

        mvc.perform(post("/api/v1/warranty-claims/" + number + "/decision").header("Authorization", WARRANTY_KEY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(decision("{\"username\":\"warranty\",\"password\":\"warranty\"}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.claim.state").value("RMA_ISSUED"))
                .andExpect(jsonPath("$.claim.rmaNumber").value(org.hamcrest.Matchers.startsWith("RMA-")))
                .andExpect(jsonPath("$.signatures[0].signedBy").value("warranty"))
                .andExpect(jsonPath("$.signatures[0].meaning").value("APPROVAL"));

        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'claim.decided' and subject_id = ?",
                Long.class, number)).isEqualTo(1);
    }

    @Test
    void anApiKeyAloneCannotSignAndNothingIsDecided() throws Exception {
        String number = claimInReview();

        mvc.perform(post("/api/v1/warranty-claims/" + number + "/decision").header("Authorization", WARRANTY_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(decision("null")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.username"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("an API key alone cannot sign")));

        assertThat(state(number)).isEqualTo("NEEDS_REVIEW");
    }

    @Test
    void aWrongPasswordOrASignerWithoutTheRoleSignsNothing() throws Exception {
        String number = claimInReview();

        mvc.perform(post("/api/v1/warranty-claims/" + number + "/decision").header("Authorization", WARRANTY_KEY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(decision("{\"username\":\"warranty\",\"password\":\"guess\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.password"));
        mvc.perform(post("/api/v1/warranty-claims/" + number + "/decision").header("Authorization", WARRANTY_KEY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(decision("{\"username\":\"quality\",\"password\":\"quality\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.username"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("may not sign")));

        assertThat(state(number)).isEqualTo("NEEDS_REVIEW");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'signature.refused' "
                + "and subject_id = 'warranty'", Long.class)).as("the wrong password is audited").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from warranty_signature s join warranty_claim c on c.id = s.claim_id "
                + "where c.id = ?", Long.class, ClaimId.of(number).value())).isZero();
    }

    String state(String number) {
        return jdbc.queryForObject("select state from warranty_claim where id = ?", String.class, ClaimId.of(number).value());
    }
}

package org.serialregistry.lifecycle;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A quality system corrects a recall set on the wrong unit through the API: the quality engineer signs
 * in the request with the same {@code signature} object as every other signed decision.
 */
@IntegrationTest
class ErrorDeclarationApiTest extends DemoApi {

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;

    MockHttpServletRequestBuilder declare(long eventId, String body) {
        return post("/api/v1/lifecycle/events/" + eventId + "/error-declaration").header("Authorization", QUALITY)
                .contentType(MediaType.APPLICATION_JSON).content(body);
    }

    long refusedSignatures() {
        return jdbc.queryForObject("select count(*) from audit_entry where action = 'signature.refused' "
                + "and subject_id = 'quality'", Long.class);
    }

    @Test
    void aMistakenRecallIsCorrectedWithTheSignerInTheSignatureObject() throws Exception {
        SerialNumber unit = phones(issuance, 1, LocalDate.now().minusDays(5)).getFirst();
        long wrong = as("quality", () -> units.changeStatus(unit, UnitStatus.RECALLED, "recalled the wrong unit"),
                "QUALITY").id().value();

        // the earlier shape, a bare password beside the reason, signs nothing
        mvc.perform(declare(wrong, "{\"reason\":\"The recall named the wrong unit\",\"password\":\"quality\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.username"));
        // the reason is checked before any password is tried
        long refused = refusedSignatures();
        mvc.perform(declare(wrong, "{\"signature\":{\"username\":\"quality\",\"password\":\"guess\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reason"));
        assertThat(refusedSignatures()).isEqualTo(refused);
        mvc.perform(declare(wrong, "{\"reason\":\"wrong unit\",\"signature\":{\"username\":\"warranty\",\"password\":\"warranty\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.username"))
                .andExpect(jsonPath("$.detail").value(containsString("may not sign")));
        assertThat(statusOf(unit)).isEqualTo(UnitStatus.RECALLED);

        mvc.perform(declare(wrong, "{\"reason\":\"The recall named the wrong unit\","
                        + "\"signature\":{\"username\":\"quality\",\"password\":\"quality\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].errorDeclarationFor").value(wrong))
                .andExpect(jsonPath("$[0].newStatus").value("ACTIVE"))
                .andExpect(jsonPath("$[0].reason").value(containsString("signed by Quinn Quality")));
        assertThat(statusOf(unit)).isEqualTo(UnitStatus.ACTIVE);
        assertThat(jdbc.queryForObject("select after_state from audit_entry where action = 'lifecycle.correction-signed' "
                + "and subject_id = ?", String.class, String.valueOf(wrong))).contains("Quinn Quality");
    }

    UnitStatus statusOf(SerialNumber unit) {
        return as("quality", () -> units.find(unit).orElseThrow().status(), "QUALITY");
    }
}

package org.serialregistry.returns;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.NewClaim;
import org.serialregistry.warranty.OwnershipRegistry;
import org.serialregistry.warranty.ClaimIntake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.owned;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A service centre's system logs repairs through the API and reads only its own centre's repairs and
 * RMAs: another centre's are not found, as if they did not exist.
 */
@IntegrationTest
class RepairApiTest extends DemoApi {

    @Autowired
    ClaimIntake claims;
    @Autowired
    OwnershipRegistry owners;
    @Autowired
    SerialIssuance issuance;

    ClaimView deskClaim(String serial, String email) {
        return as("wanda", () -> claims.submit(new NewClaim(PHONE, serial, "BATTERY", null, "Desk Owner", email, null, null),
                ClaimChannel.API), "WARRANTY").claim();
    }

    @Test
    void aCentreLogsRepairsOnItsRmasAndNeverSeesAnotherCentresRepairs() throws Exception {
        var units = phones(issuance, 2, LocalDate.now().minusDays(20));
        owned(owners, units.get(0), "Rae Owner", "rae@example.com");
        owned(owners, units.get(1), "Sol Owner", "sol@example.com");
        var ours = deskClaim(units.get(0).value(), "rae@example.com");
        var vienna = deskClaim(units.get(1).value(), "sol@example.com");
        jdbc.update("insert into rma_assignment (claim_id, service_party, assigned_by, assigned_at) values (?, 'SVC-AT', "
                + "'vienna', current_timestamp)", vienna.id().value());
        // the administrator logs Vienna's repair (an administrator works any RMA)
        mvc.perform(post("/api/v1/repairs").header("Authorization", ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"claim\":\"" + vienna.claimNumber() + "\",\"actions\":\"New battery\","
                                + "\"technician\":\"V. Tech\",\"outcome\":\"REPAIRED\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.serviceCentre").value("SVC-AT"));

        // every problem of the request is named by its field
        mvc.perform(post("/api/v1/repairs").header("Authorization", SERVICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"actions\":\"New battery\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("claim"));
        mvc.perform(post("/api/v1/repairs").header("Authorization", SERVICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"claim\":\"" + ours.claimNumber() + "\",\"actions\":\"New battery\",\"outcome\":\"REPAIRED\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("technician"));
        mvc.perform(post("/api/v1/repairs").header("Authorization", SERVICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"claim\":\"" + ours.claimNumber() + "\",\"actions\":\"New battery\","
                                + "\"technician\":\"Tina Tech\",\"outcome\":\"REPAIRED\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.serviceCentre").value("SVC-DE"))
                .andExpect(jsonPath("$.rmaNumber").value(ours.rmaNumber()));

        mvc.perform(get("/api/v1/repairs").param("size", "500").header("Authorization", SERVICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.claimNumber == '" + ours.claimNumber() + "')]").isNotEmpty())
                .andExpect(jsonPath("$.items[?(@.claimNumber == '" + vienna.claimNumber() + "')]").isEmpty())
                .andExpect(jsonPath("$.items[?(@.serviceCentre == 'SVC-AT')]").isEmpty());
        mvc.perform(get("/api/v1/repairs").param("size", "500").param("state", "REPAIRED").header("Authorization", ADMIN))
                .andExpect(jsonPath("$.items[?(@.claimNumber == '" + vienna.claimNumber() + "')]").isNotEmpty());
        mvc.perform(get("/api/v1/warranty-claims/" + vienna.claimNumber() + "/repairs").header("Authorization", SERVICE))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/rmas/" + vienna.claimNumber() + "/take").header("Authorization", SERVICE))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/repairs").param("page", "9999999").param("size", "500").header("Authorization", SERVICE))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("page"))
                .andExpect(jsonPath("$.detail").value(containsString("beyond any list")));
        assertThat(jdbc.queryForList("select actor from audit_entry where action = 'repair.logged' and subject_id = ?",
                String.class, ours.claimNumber())).containsExactly("api-key:demosvce");
    }
}

package org.serialregistry.warranty;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.owned;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A claims system works the warranty queue through the API: list and filter, assign, and settle ownership conflicts. */
@IntegrationTest
class WarrantyQueueApiTest extends DemoApi {

    @Autowired
    SerialIssuance issuance;
    @Autowired
    OwnershipRegistry owners;

    @Test
    void theQueueIsFilteredByStateAndTextAndAClaimIsAssignedToAnAdjudicator() throws Exception {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(10)).getFirst();
        var claim = json.readTree(mvc.perform(post("/api/v1/warranty-claims").header("Authorization", SERVICE)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"gtin":"%s","serial":"%s","defectCode":"DISPLAY","failureDate":"%s",
                                 "claimantName":"Queue Person","claimantEmail":"queue@example.com"}"""
                                .formatted(PHONE, unit.value(), LocalDate.now())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        String number = claim.get("claimNumber").asString();
        assertThat(claim.get("state").asString()).isEqualTo("NEEDS_REVIEW");

        mvc.perform(get("/api/v1/warranty-claims").param("state", "needs_review").param("text", unit.value())
                        .header("Authorization", WARRANTY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].claimNumber").value(number));
        mvc.perform(get("/api/v1/warranty-claims").param("state", "APPROVED").param("text", unit.value())
                        .header("Authorization", WARRANTY))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/v1/warranty-claims").param("state", "PENDING").header("Authorization", WARRANTY))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("state"));
        mvc.perform(get("/api/v1/warranty-claims").header("Authorization", SERVICE))
                .andExpect(status().isForbidden());

        mvc.perform(post("/api/v1/warranty-claims/" + number + "/assignment").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"assignee\":\"nobody-here\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("assignee"));
        mvc.perform(post("/api/v1/warranty-claims/" + number + "/assignment").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"assignee\":\"warranty\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assignedTo").value("warranty"));
        assertThat(jdbc.queryForList("select action from audit_entry where subject_id = ? order by id", String.class, number))
                .containsSubsequence("claim.submitted", "claim.assigned");
    }

    @Test
    void aConflictingRegistrationIsListedAndTheNewOwnerAccepted() throws Exception {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(10)).getFirst();
        owned(owners, unit, "First Owner", "first@example.com");
        var second = json.readTree(mvc.perform(post("/api/v1/registrations").header("Authorization", SERVICE)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"gtin":"%s","serial":"%s","purchaseDate":"%s","retailer":"Market",
                                 "ownerName":"Second Owner","email":"second@example.com"}"""
                                .formatted(PHONE, unit.value(), LocalDate.now().minusDays(1))))
                .andExpect(jsonPath("$.status").value("CONFLICT")).andReturn().getResponse().getContentAsString());
        long id = second.get("registrationId").asLong();

        mvc.perform(get("/api/v1/ownership-conflicts").param("size", "500").header("Authorization", WARRANTY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.id == " + id + ")].ownerName").value(org.hamcrest.Matchers.hasItem("Second Owner")));
        mvc.perform(post("/api/v1/ownership-conflicts/" + id + "/resolution").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"Receipt checked\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("acceptNewOwner"));
        mvc.perform(post("/api/v1/ownership-conflicts/" + id + "/resolution").header("Authorization", WARRANTY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"acceptNewOwner\":true,\"note\":\"Receipt of the resale checked\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(get("/api/v1/ownership-conflicts").param("size", "500").header("Authorization", WARRANTY))
                .andExpect(jsonPath("$.items[?(@.id == " + id + ")]").isEmpty());
    }
}

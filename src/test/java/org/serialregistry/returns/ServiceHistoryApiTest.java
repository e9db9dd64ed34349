package org.serialregistry.returns;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.warranty.ClaimIntake;
import org.serialregistry.warranty.WarrantyTestUnits;
import org.springframework.beans.factory.annotation.Autowired;

import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A service centre's system reads a unit's history before work on it, as the service history screen shows it. */
@IntegrationTest
class ServiceHistoryApiTest extends DemoApi {

    @Autowired
    SerialIssuance issuance;
    @Autowired
    ClaimIntake intake;

    @Test
    void theHistoryNamesTheUnitItsClaimsAndItsLifecycleEvents() throws Exception {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(10)).getFirst();
        String claim = WarrantyTestUnits.claimInReview(intake, unit).claimNumber();

        mvc.perform(get("/api/v1/units/" + unit.value() + "/service-history").header("Authorization", SERVICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unit.serial").value(unit.value()))
                .andExpect(jsonPath("$.unit.status").value("ACTIVE"))
                .andExpect(jsonPath("$.claims.length()").value(2))
                .andExpect(jsonPath("$.claims[*].claimNumber").value(org.hamcrest.Matchers.hasItem(claim)))
                .andExpect(jsonPath("$.events.length()").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
    }

    @Test
    void anUnknownUnitIsNotFoundAMalformedSerialIsNamedAndOtherWorkspacesAreRefused() throws Exception {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(10)).getFirst();
        mvc.perform(get("/api/v1/units/" + WarrantyTestUnits.forged(unit) + "/service-history").header("Authorization", SERVICE))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/units/not-a-serial/service-history").header("Authorization", SERVICE))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("serial"));
        mvc.perform(get("/api/v1/units/" + unit.value() + "/service-history").header("Authorization", WARRANTY))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/units/" + unit.value() + "/service-history").header("Authorization", ADMIN))
                .andExpect(status().isOk());
    }
}

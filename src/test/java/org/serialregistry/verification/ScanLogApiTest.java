package org.serialregistry.verification;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.forged;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A brand-protection system reads the scan log as the portal's scan log screen shows it: paged and filtered. */
@IntegrationTest
class ScanLogApiTest extends DemoApi {

    @Autowired
    SerialIssuance issuance;

    void scan(String serial) throws Exception {
        mvc.perform(get("/01/" + PHONE + "/21/" + serial).accept(MediaType.APPLICATION_JSON).with(r -> {
            r.setRemoteAddr("198.51.100.77");
            return r;
        })).andExpect(status().isOk());
    }

    @Test
    void scansOfAUnitAreListedNewestFirstAndFilteredByOutcomeAndDay() throws Exception {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(3)).getFirst();
        String fake = forged(unit);
        scan(unit.value());
        scan(unit.value());
        scan(fake);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from scan_record where serial in (?, ?)", Long.class, unit.value(), fake) == 3);

        mvc.perform(get("/api/v1/scans").param("serial", unit.value()).param("size", "1").header("Authorization", CHANNEL))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.size").value(1))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].serial").value(unit.value()))
                .andExpect(jsonPath("$.items[0].outcome").value("GENUINE"))
                .andExpect(jsonPath("$.items[0].session").value(org.hamcrest.Matchers.hasLength(8)));
        mvc.perform(get("/api/v1/scans").param("serial", fake).param("outcome", "forged")
                        .param("from", LocalDate.now().toString()).param("to", LocalDate.now().toString())
                        .header("Authorization", FORENSICS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].outcome").value("FORGED"));
        mvc.perform(get("/api/v1/scans").param("serial", unit.value()).param("to", LocalDate.now().minusDays(1).toString())
                        .header("Authorization", CHANNEL))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void wrongFiltersAreNamedAndOnlyChannelForensicsAndAdministratorsReadTheLog() throws Exception {
        mvc.perform(get("/api/v1/scans").param("outcome", "ODD").param("from", "2026-12-01T10:00:00Z")
                        .header("Authorization", CHANNEL))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("outcome"));
        mvc.perform(get("/api/v1/scans").param("from", "2026-12-01T10:00:00Z").header("Authorization", CHANNEL))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("whole days")));
        mvc.perform(get("/api/v1/scans").param("state", "GENUINE").header("Authorization", CHANNEL))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("state"));
        mvc.perform(get("/api/v1/scans").header("Authorization", PRODUCTION)).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/scans").header("Authorization", DISTRIBUTOR)).andExpect(status().isForbidden());
        assertThat(mvc.perform(get("/api/v1/scans").header("Authorization", ADMIN)).andReturn().getResponse().getStatus())
                .isEqualTo(200);
    }
}

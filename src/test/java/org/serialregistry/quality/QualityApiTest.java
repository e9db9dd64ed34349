package org.serialregistry.quality;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.Units;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A quality system follows lot alerts and sets claim-rate thresholds through the API. */
@IntegrationTest
class QualityApiTest extends DemoApi {

    static final String METER = "07612345000022";

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;

    JsonNode alertOf(String lot) throws Exception {
        var page = json.readTree(mvc.perform(get("/api/v1/quality/alerts").param("size", "500").header("Authorization", QUALITY))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        for (var a : page.get("items")) {
            if (a.get("lot").asString().equals(lot)) {
                return a;
            }
        }
        return null;
    }

    @Test
    void aLotAboveItsThresholdIsListedAsOpenAndTheEngineersSystemAcknowledgesIt() throws Exception {
        var lotUnits = phones(issuance, 20, LocalDate.now().minusDays(30));
        String lot = units.find(lotUnits.getFirst()).orElseThrow().lot().value();
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/api/v1/warranty-claims").header("Authorization", SERVICE).contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"gtin":"%s","serial":"%s","defectCode":"DISPLAY","failureDate":"%s",
                                     "claimantName":"Owner %d","claimantEmail":"q%d@example.com"}"""
                                    .formatted(PHONE, lotUnits.get(i).value(), LocalDate.now().minusDays(1), i, i)))
                    .andExpect(status().isCreated());
        }
        // the alert is raised after commit, off the request thread
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> alertOf(lot) != null);
        var alert = alertOf(lot);
        assertThat(alert.get("acknowledgedAt").isNull()).isTrue();
        mvc.perform(get("/api/v1/quality/alerts").param("state", "OPEN").param("size", "500").header("Authorization", QUALITY))
                .andExpect(jsonPath("$.items[?(@.lot == '" + lot + "')]").isNotEmpty());

        long id = alert.get("id").asLong();
        long version = alert.get("version").asLong();
        mvc.perform(post("/api/v1/quality/alerts/" + id + "/acknowledgement").header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("notes"));
        mvc.perform(post("/api/v1/quality/alerts/" + id + "/acknowledgement").header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + version + ",\"notes\":\"Display supplier batch 7; 8D opened\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.acknowledgedBy").value("api-key:demoqual"));
        mvc.perform(post("/api/v1/quality/alerts/" + id + "/acknowledgement").header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + ",\"notes\":\"again\"}"))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/v1/quality/alerts").param("state", "ACKNOWLEDGED").param("size", "500")
                        .header("Authorization", QUALITY))
                .andExpect(jsonPath("$.items[?(@.lot == '" + lot + "')].notes").value(org.hamcrest.Matchers.hasItem(
                        "Display supplier batch 7; 8D opened")));
        mvc.perform(get("/api/v1/quality/lot-rates").param("size", "500").header("Authorization", QUALITY))
                .andExpect(jsonPath("$.items[?(@.lot == '" + lot + "')].claims").value(org.hamcrest.Matchers.hasItem(5)));
    }

    @Test
    void thresholdsAreReadAndSetWithEveryWrongValueNamedAtOnce() throws Exception {
        mvc.perform(get("/api/v1/quality/thresholds").header("Authorization", QUALITY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.gtin == '" + PHONE + "')].maxClaimRatePercent").isNotEmpty());
        mvc.perform(put("/api/v1/quality/thresholds/" + METER).header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"maxClaimRatePercent\":0,\"minClaims\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("maxClaimRatePercent"))
                .andExpect(jsonPath("$.detail").value(containsString("minClaims: 1 to 100000")));
        mvc.perform(put("/api/v1/quality/thresholds/" + METER).header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"maxClaimRatePercent\":3.5,\"minClaims\":7}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.configured").value(true));
        mvc.perform(get("/api/v1/quality/thresholds").header("Authorization", QUALITY))
                .andExpect(jsonPath("$.items[?(@.gtin == '" + METER + "')].minClaims").value(org.hamcrest.Matchers.hasItem(7)));
        assertThat(jdbc.queryForList("select after_state from audit_entry where action = 'quality.threshold-set' "
                + "and subject_id = ?", String.class, METER)).anySatisfy(s -> assertThat(s).contains("7"));
        mvc.perform(get("/api/v1/quality/thresholds").param("from", "2026-01-01").header("Authorization", QUALITY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"));
    }
}

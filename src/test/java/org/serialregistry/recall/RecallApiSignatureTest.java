package org.serialregistry.recall;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.Units;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A quality system starts and closes a recall through the API with the same signature shape as every
 * other human decision: the meaning at the top, the signer in {@code signature} (user name and
 * password); the calling key alone signs nothing, and a bad request names every problem before any
 * password is tried.
 */
@IntegrationTest
class RecallApiSignatureTest extends DemoApi {

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;

    String start(String lot, String signing) {
        return """
                {"scope":{"gtin":"%s","lots":["%s"]},"reason":"Charger overheats","severity":"CLASS_II","remedy":"REPAIR",
                 "instructions":"Unplug the charger and book a free repair."%s}""".formatted(PHONE, lot, signing);
    }

    long campaigns() {
        return jdbc.queryForObject("select count(*) from recall_campaign", Long.class);
    }

    @Test
    void aRecallIsStartedAndClosedWithTheSignersOwnPasswordNeverWithTheKeyAlone() throws Exception {
        var unit = phones(issuance, 2, LocalDate.now().minusDays(40)).getFirst();
        String lot = units.find(unit).orElseThrow().lot().value();
        long before = campaigns();

        mvc.perform(post("/api/v1/recalls").header("Authorization", QUALITY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"scope\":{\"lots\":[\"" + lot + "\"]}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(allOf(containsString("gtin:"), containsString("reason:"),
                        containsString("instructions:"), containsString("severity:"), containsString("meaning:"))));
        // the earlier shape (signer and meaning inside signature) now misses the meaning and the user name
        mvc.perform(post("/api/v1/recalls").header("Authorization", QUALITY).contentType(MediaType.APPLICATION_JSON)
                        .content(start(lot, ",\"signature\":{\"signer\":\"quality\",\"meaning\":\"APPROVAL\",\"password\":\"quality\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("meaning"));
        mvc.perform(post("/api/v1/recalls").header("Authorization", QUALITY).contentType(MediaType.APPLICATION_JSON)
                        .content(start(lot, ",\"meaning\":\"APPROVAL\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.username"))
                .andExpect(jsonPath("$.detail").value(containsString("an API key alone cannot sign")));
        mvc.perform(post("/api/v1/recalls").header("Authorization", QUALITY).contentType(MediaType.APPLICATION_JSON)
                        .content(start(lot, ",\"meaning\":\"APPROVAL\",\"signature\":{\"username\":\"quality\",\"password\":\"nope\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.password"));
        mvc.perform(post("/api/v1/recalls").header("Authorization", QUALITY).contentType(MediaType.APPLICATION_JSON)
                        .content(start(lot, ",\"meaning\":\"APPROVAL\",\"signature\":{\"username\":\"warranty\",\"password\":\"warranty\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.username"));
        assertThat(campaigns()).isEqualTo(before);

        var started = json.readTree(mvc.perform(post("/api/v1/recalls").header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(start(lot, ",\"meaning\":\"APPROVAL\",\"signature\":{\"username\":\"quality\",\"password\":\"quality\"}")))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
        String number = started.get("campaign").get("campaignNumber").asString();
        assertThat(started.get("campaign").get("startedBy").asString()).isEqualTo("quality");
        assertThat(started.get("campaign").get("id").isIntegralNumber()).as("the campaign's id is a number").isTrue();
        assertThat(jdbc.queryForObject("select after_state from audit_entry where action = 'recall.started' and subject_id = ?",
                String.class, number)).contains("\"signedBy\":\"quality\"").contains("api-key:demoqual");

        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(mvc.perform(
                get("/api/v1/recalls/" + number).header("Authorization", QUALITY)).andReturn().getResponse()
                .getContentAsString()).get("campaign").get("state").asString().equals("ACTIVE"));
        long version = json.readTree(mvc.perform(get("/api/v1/recalls/" + number).header("Authorization", QUALITY))
                .andReturn().getResponse().getContentAsString()).get("campaign").get("version").asLong();
        mvc.perform(post("/api/v1/recalls/" + number + "/close").header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + ",\"meaning\":\"RESPONSIBILITY\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.username"));
        mvc.perform(post("/api/v1/recalls/" + number + "/close").header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version
                                + ",\"meaning\":\"RESPONSIBILITY\",\"note\":\"Lot repaired\","
                                + "\"signature\":{\"username\":\"quality\",\"password\":\"quality\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.campaign.state").value("CLOSED"))
                .andExpect(jsonPath("$.campaign.closedBy").value("quality"));
        mvc.perform(get("/api/v1/recalls").param("state", "CLOSED").param("size", "500").header("Authorization", QUALITY))
                .andExpect(jsonPath("$.items[?(@.campaignNumber == '" + number + "')]").isNotEmpty());
    }
}

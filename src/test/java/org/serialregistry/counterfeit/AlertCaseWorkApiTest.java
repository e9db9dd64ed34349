package org.serialregistry.counterfeit;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A security tool works alert cases through the API (assign, note, state, with the portal's rules: only
 * forensics or an administrator confirms a counterfeit) and reads and saves the detection thresholds.
 */
@IntegrationTest
class AlertCaseWorkApiTest extends DemoApi {

    JsonNode call(String path, String key, String body, int status) throws Exception {
        var answer = mvc.perform(post(path).header("Authorization", key).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
        return json.readTree(answer);
    }

    @Test
    void aChannelManagerTakesACaseNotesItAndMovesItOnButCannotConfirmACounterfeit() throws Exception {
        var open = json.readTree(mvc.perform(get("/api/v1/alert-cases").param("state", "OPEN").param("size", "1")
                .header("Authorization", CHANNEL)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(open.get("items").size()).as("the demo data has open cases").isEqualTo(1);
        long id = open.get("items").get(0).get("id").asLong();
        String path = "/api/v1/alert-cases/" + id;

        call(path + "/assignment", CHANNEL, "{\"assignee\":\"nobody-here\"}", 400);
        assertThat(call(path + "/assignment", CHANNEL, "{\"assignee\":\"channel\"}", 200).get("assignee").asString())
                .isEqualTo("channel");
        call(path + "/notes", CHANNEL, "{\"note\":\"\"}", 400);
        call(path + "/notes", CHANNEL, "{\"note\":\"Seller on the marketplace contacted\"}", 200);
        assertThat(call(path + "/state", CHANNEL, "{\"state\":\"investigating\",\"note\":\"Looking at the shop\"}", 200)
                .get("state").asString()).isEqualTo("INVESTIGATING");
        var refused = call(path + "/state", CHANNEL, "{\"state\":\"CONFIRMED_COUNTERFEIT\",\"note\":\"Sure\"}", 400);
        assertThat(refused.get("field").asString()).isEqualTo("state");
        assertThat(refused.get("detail").asString()).contains("only forensic reviewers and administrators");
        // put back as the demo has it
        call(path + "/state", CHANNEL, "{\"state\":\"OPEN\",\"note\":\"Back to the queue\"}", 200);
        call(path + "/assignment", CHANNEL, "{}", 200);

        mvc.perform(get(path).header("Authorization", FORENSICS))
                .andExpect(jsonPath("$.notes[*].text").value(org.hamcrest.Matchers.hasItem(
                        containsString("Seller on the marketplace contacted"))));
        assertThat(jdbc.queryForList("select action from audit_entry where subject_type = 'alert-case' and subject_id = ? "
                + "order by id", String.class, String.valueOf(id)))
                .containsSubsequence("alert-case.assigned", "alert-case.state-changed", "alert-case.state-changed");
    }

    @Test
    void theDetectionThresholdsAreReadByEveryCaseWorkerAndSavedByAnAdministratorOnly() throws Exception {
        var all = json.readTree(mvc.perform(get("/api/v1/detection-thresholds").header("Authorization", FORENSICS))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(all.get("total").asInt()).isEqualTo(3);
        JsonNode automotive = null;
        for (var t : all.get("items")) {
            if (t.get("category").asString().equals("AUTOMOTIVE")) {
                automotive = t;
            }
        }
        mvc.perform(put("/api/v1/detection-thresholds/AUTOMOTIVE").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"maxSessions\":20}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("sessionWindowDays"))
                .andExpect(jsonPath("$.detail").value(containsString("newCountryWarmupScans: is missing")));
        String same = """
                {"version":%d,"maxSessions":%d,"sessionWindowDays":%d,"enumerationCount":%d,"enumerationWindowMinutes":%d,
                 "maxSpeedKmh":%d,"offMarketSessions":%d,"newCountryWarmupScans":%d}""".formatted(
                automotive.get("version").asLong(), automotive.get("maxSessions").asInt(),
                automotive.get("sessionWindowDays").asInt(), automotive.get("enumerationCount").asInt(),
                automotive.get("enumerationWindowMinutes").asInt(), automotive.get("maxSpeedKmh").asInt(),
                automotive.get("offMarketSessions").asInt(), automotive.get("newCountryWarmupScans").asInt());
        mvc.perform(put("/api/v1/detection-thresholds/AUTOMOTIVE").header("Authorization", CHANNEL)
                        .contentType(MediaType.APPLICATION_JSON).content(same))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/detection-thresholds/AUTOMOTIVE").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(same))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(automotive.get("version").asLong() + 1))
                .andExpect(jsonPath("$.updatedBy").value("api-key:demoadmn"));
        mvc.perform(put("/api/v1/detection-thresholds/AUTOMOTIVE").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(same))
                .andExpect(status().isConflict());
    }
}

package org.serialregistry.custody;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The channel's system creates a retailer, changes it and binds a user to it through the API; partners may not. */
@IntegrationTest
class PartyApiTest extends DemoApi {

    @Test
    void aRetailerIsCreatedChangedAndGetsAUser() throws Exception {
        String code = "RET-AT-" + System.nanoTime() % 10_000;
        mvc.perform(post("/api/v1/parties").header("Authorization", CHANNEL).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + code + "\",\"name\":\"Elektro Wien\",\"type\":\"RETAILER\",\"country\":\"AT\","
                                + "\"authorisedMarkets\":[\"AT\"]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.code").value(code));
        mvc.perform(post("/api/v1/parties").header("Authorization", DISTRIBUTOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"X\"}"))
                .andExpect(status().isForbidden());
        var listed = json.readTree(mvc.perform(get("/api/v1/parties").param("state", "RETAILER").param("size", "500")
                .header("Authorization", CHANNEL)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        long version = -1;
        for (var p : listed.get("items")) {
            assertThat(p.get("type").asString()).isEqualTo("RETAILER");
            if (p.get("code").asString().equals(code)) {
                version = p.get("version").asLong();
            }
        }
        assertThat(version).as("the new retailer is listed").isNotNegative();
        mvc.perform(put("/api/v1/parties/" + code).header("Authorization", CHANNEL).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + version + ",\"name\":\"Elektro Wien Mitte\",\"type\":\"RETAILER\","
                                + "\"country\":\"AT\",\"authorisedMarkets\":[\"AT\",\"DE\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Elektro Wien Mitte"));
        mvc.perform(put("/api/v1/parties/" + code).header("Authorization", CHANNEL).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + version + ",\"name\":\"Stale\",\"type\":\"RETAILER\","
                                + "\"country\":\"AT\",\"authorisedMarkets\":[\"AT\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        String user = "shop-" + code.toLowerCase();
        mvc.perform(post("/api/v1/parties/" + code + "/users").header("Authorization", CHANNEL)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"username\":\"" + user + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.users[0]").value(user));
        mvc.perform(post("/api/v1/parties/" + code + "/users/" + user + "/removal").header("Authorization", CHANNEL))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.users.length()").value(0));
        mvc.perform(put("/api/v1/parties/NO-SUCH-PARTY").header("Authorization", CHANNEL)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0}"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.queryForList("select action from audit_entry where subject_id in (?, ?) order by id", String.class,
                code, user)).containsSubsequence("party.created", "party.updated", "party.user-bound", "party.user-unbound");
    }
}

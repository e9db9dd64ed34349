package org.serialregistry.verification;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.DemoApi.CHANNEL;
import static org.serialregistry.DemoApi.FORENSICS;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A brand-protection system puts a cloned code on the public counterfeit list through the API, the
 * public answer changes at once, and it takes the code off again with a reason; both are audited.
 */
@IntegrationTest
class CounterfeitListApiTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = VerificationMvc.of(context);
    }

    @Test
    void aClonedCodeGoesOnTheListByDigitalLinkAndComesOffWithAReason() throws Exception {
        String serial = jdbc.queryForObject("select serial from unit where lot = 'V2610' order by serial "
                + "offset 3 rows fetch next 1 rows only", String.class);
        String link = "https://id.example.com/01/" + DemoCodes.CHARGER + "/21/" + serial;

        mvc.perform(post("/api/v1/counterfeit-list").header("Authorization", FORENSICS)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"raid\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("serial"))
                .andExpect(jsonPath("$.detail").value(containsString("reason:")));
        mvc.perform(post("/api/v1/counterfeit-list").header("Authorization", CHANNEL)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"serial\":\"" + link + "\",\"reason\":\"CLONED_CODE\"}"))
                .andExpect(status().isForbidden());

        mvc.perform(post("/api/v1/counterfeit-list").header("Authorization", FORENSICS)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"serial\":\"" + link + "\",\"reason\":\"CLONED_CODE\",\"note\":\"40 boxes in a raid\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.serial").value(serial))
                .andExpect(jsonPath("$.gtin").value(DemoCodes.CHARGER))
                .andExpect(jsonPath("$.listedBy").value("api-key:demofors"));
        mvc.perform(get("/01/" + DemoCodes.CHARGER + "/21/" + serial).accept(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.verified").value(false))
                .andExpect(jsonPath("$.verdict").value("REPORTED_COUNTERFEIT"));
        mvc.perform(get("/api/v1/counterfeit-list").param("size", "500").header("Authorization", CHANNEL))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.serial == '" + serial + "')].reason").value("CLONED_CODE"));

        mvc.perform(post("/api/v1/counterfeit-list/" + serial + "/removal").header("Authorization", FORENSICS)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reason"));
        mvc.perform(post("/api/v1/counterfeit-list/" + serial + "/removal").header("Authorization", FORENSICS)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"The raid found re-labelled genuine units\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/counterfeit-list/" + serial).header("Authorization", FORENSICS))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/counterfeit-list/" + serial + "/removal").header("Authorization", FORENSICS)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"again\"}"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.queryForList("select actor || ' ' || action from audit_entry where subject_type = 'serial' "
                + "and subject_id = ? order by id", String.class, serial))
                .containsSubsequence("api-key:demofors counterfeit.listed", "api-key:demofors counterfeit.removed");
    }
}

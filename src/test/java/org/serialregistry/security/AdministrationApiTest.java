package org.serialregistry.security;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An identity system administers portal users and API keys through the API: the password policy and
 * every field problem as in the portal; a key it creates works at once and stops at its revocation.
 */
@IntegrationTest
class AdministrationApiTest extends DemoApi {

    @Test
    void aUserIsCreatedWithEveryProblemNamedAndThenGivesUpARoleAndIsDisabled() throws Exception {
        String name = "api-user-" + System.nanoTime() % 100_000;
        mvc.perform(post("/api/v1/users").header("Authorization", ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + name + "\",\"password\":\"short\",\"roles\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("displayName"))
                .andExpect(jsonPath("$.detail").value(containsString("roles:")))
                .andExpect(jsonPath("$.detail").value(containsString("password:")));
        var created = json.readTree(mvc.perform(post("/api/v1/users").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"username\":\"" + name
                                + "\",\"displayName\":\"Api User\",\"password\":\"a long passphrase 42\","
                                + "\"roles\":[\"SERVICE_CENTER\",\"WARRANTY\"]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        long id = created.get("id").asLong();
        var changed = json.readTree(mvc.perform(put("/api/v1/users/" + id).header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + created.get("version").asLong()
                                + ",\"displayName\":\"Api User\",\"roles\":[\"SERVICE_CENTER\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.roles.length()").value(1)).andReturn().getResponse().getContentAsString());
        mvc.perform(post("/api/v1/users/" + id + "/enabled").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + changed.get("version").asLong() + ",\"enabled\":false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
        mvc.perform(get("/api/v1/users").param("state", "DISABLED").header("Authorization", ADMIN))
                .andExpect(jsonPath("$.items[?(@.username == '" + name + "')]").isNotEmpty());
        mvc.perform(post("/api/v1/users/987654321/enabled").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"enabled\":true}"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.queryForList("select action from audit_entry where subject_type = 'user' and subject_id = ? "
                + "order by id", String.class, name)).containsExactly("user.created", "user.updated", "user.disabled");
    }

    @Test
    void aKeyCreatedThroughTheApiWorksAtOnceAndIsRefusedAfterItsRevocation() throws Exception {
        mvc.perform(post("/api/v1/api-keys").header("Authorization", ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("name"))
                .andExpect(jsonPath("$.detail").value(containsString("role:")));
        var issued = json.readTree(mvc.perform(post("/api/v1/api-keys").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"wms-dist-de\",\"role\":\"DISTRIBUTOR\",\"partyRef\":\"DIST-DE\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        String token = issued.get("token").asString();
        long id = issued.get("key").get("id").asLong();
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.roles[0]").value("DISTRIBUTOR"));
        mvc.perform(get("/api/v1/api-keys").param("state", "ACTIVE").param("size", "500").header("Authorization", ADMIN))
                .andExpect(jsonPath("$.items[?(@.id == " + id + ")].partyRef").value(org.hamcrest.Matchers.hasItem("DIST-DE")))
                .andExpect(jsonPath("$.items[0].token").doesNotExist());
        mvc.perform(post("/api/v1/api-keys/" + id + "/revocation").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revokedBy").value("api-key:demoadmn"));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/api-keys/987654321/revocation").header("Authorization", ADMIN))
                .andExpect(status().isNotFound());
    }
}

package org.serialregistry.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.verification.VerificationMvc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An ERP sends GTINs, serials and lots as strings; the request records read them as typed values. A
 * value its type refuses is answered as the usual problem naming its field, with the type's own
 * message, every refused value of the body at once, and nothing is done. The OpenAPI document still
 * shows these fields as strings.
 */
@IntegrationTest
class TypedRequestValuesApiTest {

    static final String QUALITY = "Bearer sr_demoqual_QualityDemoKeyNotForProduction";
    static final String ADMIN = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";

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
    void aRecallWithAMistypedGtinAndABadSerialIsOneProblemNamingBothFieldsAndNothingStarts() throws Exception {
        long before = jdbc.queryForObject("select count(*) from recall_campaign", Long.class);
        mvc.perform(post("/api/v1/recalls").header("Authorization", QUALITY).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"scope": {"gtin": "09506000134353", "serials": ["1027wrq", "1027-wrq"]},
                                 "reason": "Battery swells", "severity": "CLASS_I", "remedy": "REPLACE",
                                 "instructions": "Stop using it", "meaning": "APPROVAL"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.field").value("gtin"))
                .andExpect(jsonPath("$.fields[0]").value("gtin"))
                .andExpect(jsonPath("$.fields[1]").value("serials"))
                .andExpect(jsonPath("$.detail").value(containsString(
                        "gtin: GTIN check digit is 3 but should be 2; the number is mistyped")))
                .andExpect(jsonPath("$.detail").value(containsString("serials: 1027-wrq: serial number")))
                .andExpect(jsonPath("$.detail").value(not(containsString("1027wrq:"))));
        assertThat(jdbc.queryForObject("select count(*) from recall_campaign", Long.class)).isEqualTo(before);
    }

    @Test
    void aRegistrationWithAMistypedGtinNamesTheGtinWithItsMessage() throws Exception {
        mvc.perform(post("/api/v1/registrations").header("Authorization", ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"gtin": "09506000134353", "serial": "1027WRQ", "purchaseDate": "2026-01-02",
                                 "retailer": "Shop", "ownerName": "Olga", "email": "olga@example.org"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("gtin"))
                .andExpect(jsonPath("$.detail").value("gtin: GTIN check digit is 3 but should be 2; the number is mistyped"));
    }

    @Test
    void aProductWithAGtinOfLettersNamesTheGtin() throws Exception {
        mvc.perform(post("/api/v1/products").header("Authorization", ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"gtin\": \"0950600013435X\", \"name\": \"Phone\", \"category\": \"ELECTRONICS\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("gtin"))
                .andExpect(jsonPath("$.detail").value(containsString("gtin: GTIN may contain only digits")));
    }

    @Test
    void theOpenApiDocumentShowsTheTypedFieldsAsStrings() throws Exception {
        String body = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        JsonNode schemas = JsonMapper.builder().build().readTree(body).path("components").path("schemas");
        assertThat(schemas.has("Gtin")).isFalse();
        assertThat(schemas.has("SerialNumber")).isFalse();
        assertThat(schemas.has("LotNumber")).isFalse();
        assertThat(schemas.path("Scope").path("properties").path("gtin").path("type").asString()).isEqualTo("string");
        assertThat(schemas.path("Scope").path("properties").path("serials").path("items").path("type").asString())
                .isEqualTo("string");
        assertThat(schemas.path("Scope").path("properties").path("lots").path("items").path("type").asString())
                .isEqualTo("string");
        assertThat(schemas.path("RegistrationRequest").path("properties").path("gtin").path("type").asString())
                .isEqualTo("string");
        assertThat(schemas.path("ProductRequest").path("properties").path("gtin").path("type").asString())
                .isEqualTo("string");
    }
}

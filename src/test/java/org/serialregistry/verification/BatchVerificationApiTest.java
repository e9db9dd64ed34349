package org.serialregistry.verification;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.internal.SerialCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A distributor's ERP checks a whole delivery in one call and gets the public page's answer per code. */
@IntegrationTest
class BatchVerificationApiTest {

    static final String DISTRIBUTOR_KEY = "Bearer sr_demodist_DistributorDemoKeyNotForProduction";
    static final String PRODUCTION_KEY = "Bearer sr_demoprod_ProductionDemoKeyNotForProduction";

    @Autowired
    org.springframework.web.context.WebApplicationContext context;
    MockMvc mvc;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    SerialCodec codec;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        mvc = VerificationMvc.of(context);
    }

    @Test
    void aDistributorVerifiesADeliveryAndEachAnswerMatchesThePublicOne() throws Exception {
        var codes = DemoCodes.from(issuance, codec);
        String body = """
                {"items": [
                  {"gtin": "09506000134352", "serial": "%s"},
                  {"serial": "%s"},
                  {"gtin": "07612345000022", "serial": "%s", "lot": "G2608"},
                  {"gtin": "09506000134352", "serial": "%s"},
                  {"gtin": "09506000134353", "serial": "%s"}
                ]}""".formatted(codes.genuinePhone(), codes.stolenPhone(), codes.recalledMeter(), codes.forgedPhone(),
                codes.genuinePhone());
        var response = mvc.perform(post("/api/v1/verifications").header("Authorization", DISTRIBUTOR_KEY)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        var answer = json.readTree(response.getContentAsString());
        assertThat(answer.get("count").asInt()).isEqualTo(5);
        var results = answer.get("results");
        assertThat(results.get(0).get("answer").get("verdict").asString()).isEqualTo("GENUINE");
        assertThat(results.get(1).get("gtin").asString()).as("found from the tag").isEqualTo(DemoCodes.PHONE);
        assertThat(results.get(1).get("answer").get("status").asString()).isEqualTo("STOLEN");
        assertThat(results.get(2).get("answer").get("additionalInfo").asString()).isEqualTo("Recalled");
        assertThat(results.get(3).get("answer").get("verdict").asString()).isEqualTo("NOT_GENUINE");
        assertThat(results.get(4).get("answer").get("verdict").asString()).isEqualTo("INVALID");
        assertThat(answer.get("summary").get("GENUINE_WITH_WARNING").asInt()).isEqualTo(2);

        // the same answer as the public JSON page for the same code
        var page = json.readTree(mvc.perform(get(DemoCodes.link(DemoCodes.PHONE, codes.forgedPhone()))
                .with(r -> { r.setRemoteAddr("10.77.0.1"); return r; })
                .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse().getContentAsString());
        assertThat(results.get(3).get("answer")).isEqualTo(page);

        // and logged as API scans of the account
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "select count(*) from scan_record where serial = ? and user_agent_class = 'api'", Integer.class,
                codes.stolenPhone()) >= 1);
    }

    @Test
    void tooManyItemsOrNoneAreRefusedWithTheFieldNamed() throws Exception {
        var items = new StringBuilder("{\"items\":[");
        for (int i = 0; i <= BatchVerification.MAX_ITEMS; i++) {
            items.append(i == 0 ? "" : ",").append("{\"serial\":\"A\"}");
        }
        items.append("]}");
        var tooMany = mvc.perform(post("/api/v1/verifications").header("Authorization", DISTRIBUTOR_KEY)
                .contentType(MediaType.APPLICATION_JSON).content(items.toString())).andReturn().getResponse();
        assertThat(tooMany.getStatus()).isEqualTo(400);
        assertThat(tooMany.getContentAsString()).contains("at most 10000", "\"field\":\"items\"");

        var none = mvc.perform(post("/api/v1/verifications").header("Authorization", DISTRIBUTOR_KEY)
                .contentType(MediaType.APPLICATION_JSON).content("{\"items\":[]}")).andReturn().getResponse();
        assertThat(none.getStatus()).isEqualTo(400);
    }

    @Test
    void productionKeysMayNotUseTheBatchVerification() throws Exception {
        var response = mvc.perform(post("/api/v1/verifications").header("Authorization", PRODUCTION_KEY)
                .contentType(MediaType.APPLICATION_JSON).content("{\"items\":[{\"serial\":\"A\"}]}")).andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        var anonymous = mvc.perform(post("/api/v1/verifications").contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\":[{\"serial\":\"A\"}]}")).andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(401);
    }
}

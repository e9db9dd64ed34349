package org.serialregistry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What API tests call with: the demo API keys (README "Demo API keys") as {@code Authorization}
 * header values, and MockMvc on the shared {@link IntegrationTest} context with the security chain.
 * Test classes extend it for {@link #mvc}, {@link #jdbc} and {@link #json}.
 */
public abstract class DemoApi {

    public static final String ADMIN = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";
    public static final String PRODUCTION = "Bearer sr_demoprod_ProductionDemoKeyNotForProduction";
    public static final String QUALITY = "Bearer sr_demoqual_QualityDemoKeyNotForProduction";
    public static final String WARRANTY = "Bearer sr_demowarr_WarrantyDemoKeyNotForProduction";
    public static final String CHANNEL = "Bearer sr_demochan_ChannelDemoKeyNotForProduction";
    public static final String FORENSICS = "Bearer sr_demofors_ForensicsDemoKeyNotForProduction";
    public static final String SERVICE = "Bearer sr_demosvce_ServiceDemoKeyNotForProduction";
    public static final String DISTRIBUTOR = "Bearer sr_demodist_DistributorDemoKeyNotForProduction";

    @Autowired
    protected WebApplicationContext context;
    @Autowired
    protected JdbcTemplate jdbc;
    protected MockMvc mvc;
    protected final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void demoApiMockMvc() {
        mvc = mvc(context);
    }

    public static MockMvc mvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** The demo phone's GTIN (Aurora X2). */
    public static final String PHONE = "09506000134352";

    /** Issues {@code n} demo phones of lot {@code lot} through the API (production key) and answers their serials. */
    public static List<String> issuePhones(MockMvc mvc, int n, String lot) throws Exception {
        String body = mvc.perform(post("/api/v1/serial-batches").header("Authorization", PRODUCTION)
                        .header("Idempotency-Key", lot + "-" + System.nanoTime()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"gtin":"%s","lot":"%s","facility":"DE-MUC","line":"L1","quantity":%d,"productionDate":"%s",
                                 "intendedMarket":"DE"}""".formatted(PHONE, lot, n, LocalDate.now().minusDays(2))))
                .andReturn().getResponse().getContentAsString();
        var serials = new ArrayList<String>();
        JsonMapper.builder().build().readTree(body).get("serials").forEach(s -> serials.add(s.get("serial").asString()));
        assertThat(serials).as(body).hasSize(n);
        return serials;
    }
}

package org.serialregistry;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

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
}

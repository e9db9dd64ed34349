package org.serialregistry.warranty;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The README's curl examples, as a repair network's system sends them with the demo service-centre key. */
@IntegrationTest
class WarrantyApiTest {

    static final String SERVICE_KEY = "Bearer sr_demosvce_ServiceDemoKeyNotForProduction";

    @Autowired
    WebApplicationContext context;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void aClaimByApiIsAnsweredWithTheDecisionAndEveryCheck() throws Exception {
        // Step 1 of the README: the serial of demo claim WC-0000001 (a registered phone of lot A2611)
        var first = mvc.perform(get("/api/v1/warranty-claims/WC-0000001").header("Authorization", SERVICE_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lot").value("A2611"))
                .andReturn().getResponse().getContentAsString();
        String serial = JsonMapper.builder().build().readTree(first).get("serial").asString();

        // Step 2: a battery claim by the unit's owner
        String body = """
                {"gtin":"09506000134352","serial":"%s","defectCode":"BATTERY","failureDate":"%s",
                 "claimantName":"Demo Owner 10","claimantEmail":"owner10@example.com",
                 "description":"Battery drains overnight","externalReference":"API-TEST-1"}"""
                .formatted(serial, LocalDate.now().minusDays(1));
        mvc.perform(post("/api/v1/warranty-claims").header("Authorization", SERVICE_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/warranty-claims/WC-")))
                .andExpect(jsonPath("$.decision").value("APPROVED"))
                .andExpect(jsonPath("$.state").value("RMA_ISSUED"))
                .andExpect(jsonPath("$.rmaNumber").value(org.hamcrest.Matchers.startsWith("RMA-")))
                .andExpect(jsonPath("$.checks.length()").value(8))
                .andExpect(jsonPath("$.checks[3].check").value("WITHIN_TERM"))
                .andExpect(jsonPath("$.checks[3].passed").value(true));

        // The same reference again: the first claim is returned, nothing new is written
        mvc.perform(post("/api/v1/warranty-claims").header("Authorization", SERVICE_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(false));
    }

    @Test
    void aForgedSerialByApiIsA400NamingTheSerialField() throws Exception {
        mvc.perform(post("/api/v1/warranty-claims").header("Authorization", SERVICE_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"gtin":"09506000134352","serial":"ABCDEFGHJKLMNPQRSTUV","defectCode":"DISPLAY",
                                 "claimantName":"X","claimantEmail":"x@example.com"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("serial"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not a genuine serial")));
    }

    @Test
    void aRegistrationByApiAndTheCoverageOfTheUnit() throws Exception {
        var claim = mvc.perform(get("/api/v1/warranty-claims/WC-0000010").header("Authorization", SERVICE_KEY))
                .andReturn().getResponse().getContentAsString();
        String serial = JsonMapper.builder().build().readTree(claim).get("serial").asString();
        mvc.perform(get("/api/v1/warranty/coverage").param("gtin", "09506000134352").param("serial", serial)
                        .header("Authorization", SERVICE_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.covered").value(true))
                .andExpect(jsonPath("$.registered").value(true))
                .andExpect(jsonPath("$.explanation").value(org.hamcrest.Matchers.startsWith("Covered until ")));
        // A different person registering the same unit is held as a conflict
        mvc.perform(post("/api/v1/registrations").header("Authorization", SERVICE_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"gtin":"09506000134352","serial":"%s","purchaseDate":"%s","retailer":"Market",
                                 "ownerName":"Other Person","email":"other.person@example.com"}"""
                                .formatted(serial, LocalDate.now().minusDays(1))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("CONFLICT"))
                .andExpect(jsonPath("$.effective").value(false));
        assertThat(serial).hasSize(20);
    }

    @Test
    void aKeyWithoutTheRoleIsRefused() throws Exception {
        mvc.perform(post("/api/v1/warranty-claims").header("Authorization",
                                "Bearer sr_demoprod_ProductionDemoKeyNotForProduction")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
    }
}

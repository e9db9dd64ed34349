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

    @org.springframework.beans.factory.annotation.Autowired
    org.serialregistry.serial.SerialIssuance issuance;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private static org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder registration(
            String serial) {
        return (org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder)
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/v1/registrations")
                        .param("gtin", "09506000134352").param("serial", serial)
                        .param("purchaseDate", LocalDate.now().minusDays(5).toString()).param("retailer", "Elektro Markt")
                        .param("ownerName", "Rita Receipt").param("email", "rita@example.com")
                        .header("Authorization", SERVICE_KEY);
    }

    @Test
    void aRegistrationByApiCarriesItsProofOfPurchaseAndAFakeProofIsRefusedNamingTheField() throws Exception {
        var serial = WarrantyTestUnits.phones(issuance, 1, LocalDate.now().minusDays(40)).getFirst().value();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        var notAnImage = new org.springframework.mock.web.MockMultipartFile("proof", "receipt.png", "image/png",
                "this is text, named .png".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        mvc.perform(registration(serial).file(notAnImage))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("proofOfPurchase:")));
        assertThat(jdbc.queryForObject("select count(*) from ownership_registration where serial = ?", Long.class, serial))
                .as("nothing written").isZero();

        var receipt = new org.springframework.mock.web.MockMultipartFile("proof", "receipt.png", "image/png", png);
        mvc.perform(registration(serial).file(receipt))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.effective").value(true));
        assertThat(jdbc.queryForObject("select f.content_type from ownership_registration r join warranty_file f "
                + "on f.id = r.proof_file_id where r.serial = ?", String.class, serial)).isEqualTo("image/png");

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/v1/registrations")
                        .param("gtin", "09506000134352").param("serial", serial).param("ownerName", "Rita Receipt")
                        .param("email", "rita@example.com").header("Authorization", SERVICE_KEY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Parameter purchaseDate is required"));
    }

    @Test
    void aKeyWithoutTheRoleIsRefused() throws Exception {
        mvc.perform(post("/api/v1/warranty-claims").header("Authorization",
                                "Bearer sr_demoprod_ProductionDemoKeyNotForProduction")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
    }
}

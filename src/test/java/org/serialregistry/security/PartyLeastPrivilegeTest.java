package org.serialregistry.security;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.custody.Receiving;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.custody.NewParty;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyType;
import org.serialregistry.custody.ShipmentId;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.NewClaim;
import org.serialregistry.warranty.ClaimIntake;
import org.serialregistry.warranty.ClaimQueries;
import org.serialregistry.warranty.WarrantyTestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 11, items 1, 3 and 4: an attacker with a partner's API key gets no batch of genuine serials,
 * acts for no party but its own, and reads no other party's custody chain, shipment or claim.
 */
@IntegrationTest
class PartyLeastPrivilegeTest {

    static final String ADMIN = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";
    static final String PRODUCTION = "Bearer sr_demoprod_ProductionDemoKeyNotForProduction";
    static final String QUALITY = "Bearer sr_demoqual_QualityDemoKeyNotForProduction";
    static final String WARRANTY = "Bearer sr_demowarr_WarrantyDemoKeyNotForProduction";
    static final String FORENSICS = "Bearer sr_demofors_ForensicsDemoKeyNotForProduction";
    static final String SERVICE = "Bearer sr_demosvce_ServiceDemoKeyNotForProduction";
    static final String DISTRIBUTOR = "Bearer sr_demodist_DistributorDemoKeyNotForProduction";

    @Autowired
    WebApplicationContext context;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    Receiving receiving;
    @Autowired
    Parties parties;
    @Autowired
    ClaimIntake claims;
    @Autowired
    ClaimQueries claimQueries;

    MockMvc mvc;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    List<String> phones(int n) {
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("pat", null,
                AuthorityUtils.createAuthorityList("ROLE_PRODUCTION")));
        SecurityContextHolder.setContext(ctx);
        try {
            var batch = issuance.issue(new IssueBatchRequest("09506000134352", "LP" + System.nanoTime() % 100000,
                    "DE-MUC", "L3", n, LocalDate.now().minusDays(2), null, "DE", null), null, true).batch();
            return issuance.serials(batch.id(), 0, n).stream().map(SerialNumber::value).toList();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    long ship(String key, String from, String to, List<String> serials, String po) throws Exception {
        var answer = mvc.perform(post("/api/v1/shipments").header("Authorization", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shipmentNumber\":\"LP-" + System.nanoTime() + "\",\"from\":\"" + from + "\",\"to\":\""
                                + to + "\",\"serials\":[" + quoted(serials) + "],\"references\":{\"po\":\"" + po + "\"}}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("id").asLong();
    }

    void receive(String key, long shipment, List<String> serials) throws Exception {
        mvc.perform(post("/api/v1/shipments/" + shipment + "/receipt").header("Authorization", key)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"serials\":[" + quoted(serials) + "]}"))
                .andExpect(status().isOk());
    }

    static String quoted(List<String> serials) {
        return serials.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
    }

    // ------------------------------------------------------------------ item 1

    @Test
    void aDistributorHoldingAUnitCannotExportItsBatchNorPrintItsLabel() throws Exception {
        var serials = phones(3);
        receive(DISTRIBUTOR, ship(ADMIN, "MFG-DE", "DIST-DE", serials, "PO-LP-1"), serials);
        String batchId = json.readTree(mvc.perform(get("/api/v1/serials/" + serials.getFirst()).header("Authorization", PRODUCTION))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("batchId").asString();

        // the distributor reads what it needs of the unit it holds, without the way to its batch
        mvc.perform(get("/api/v1/serials/" + serials.getFirst()).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.lot").exists())
                .andExpect(jsonPath("$.batchId").doesNotExist())
                .andExpect(jsonPath("$.facility").doesNotExist())
                .andExpect(jsonPath("$.line").doesNotExist())
                .andExpect(jsonPath("$.history[0].bizStep").value("SHIPPING"));

        for (String partner : List.of(DISTRIBUTOR, SERVICE, QUALITY, WARRANTY, FORENSICS)) {
            mvc.perform(get("/api/v1/serial-batches/" + batchId + "/serials").param("format", "csv")
                    .header("Authorization", partner)).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/serial-batches/" + batchId + "/serials").header("Authorization", partner))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/serial-batches/" + batchId).header("Authorization", partner))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/serials/" + serials.getFirst() + "/label.png").header("Authorization", partner))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/v1/serial-batches/" + batchId + "/serials").param("format", "csv")
                        .header("Authorization", PRODUCTION))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(serials.getFirst())));
    }

    @Test
    void aPartnerReadsNoUnitItsPartyNeverHeld() throws Exception {
        var never = phones(1).getFirst();
        var elsewhere = phones(1);
        receive(ADMIN, ship(ADMIN, "MFG-DE", "DIST-US", elsewhere, "PO-US-LP"), elsewhere);
        for (String partner : List.of(DISTRIBUTOR, SERVICE)) {
            mvc.perform(get("/api/v1/serials/" + never).header("Authorization", partner)).andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/serials/" + elsewhere.getFirst()).header("Authorization", partner))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(get("/api/v1/serials/" + never).header("Authorization", QUALITY))
                .andExpect(status().isOk()).andExpect(jsonPath("$.batchId").exists());
    }

    // ------------------------------------------------------------------ item 3

    @Test
    void aProductionKeyActsOnlyForItsManufacturingSite() throws Exception {
        var serials = phones(2);
        long toUs = ship(ADMIN, "MFG-DE", "DIST-US", serials.subList(0, 1), "PO-US-LP3");
        mvc.perform(post("/api/v1/shipments/" + toUs + "/receipt").header("Authorization", PRODUCTION)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"serials\":[\"" + serials.getFirst() + "\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("shipment: you act for MFG-DE, not for DIST-US"));
        mvc.perform(post("/api/v1/shipments/" + toUs + "/check").header("Authorization", PRODUCTION)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"serials\":[]}"))
                .andExpect(status().isBadRequest());
        receive(ADMIN, toUs, serials.subList(0, 1));

        mvc.perform(post("/api/v1/shipments").header("Authorization", PRODUCTION).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shipmentNumber\":\"LP-" + System.nanoTime() + "\",\"from\":\"DIST-US\",\"to\":\"DIST-FR\","
                                + "\"serials\":[\"" + serials.getFirst() + "\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("from: you act for MFG-DE, not for DIST-US"));
        mvc.perform(post("/api/v1/sales").header("Authorization", PRODUCTION).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"party\":\"DIST-US\",\"serials\":[\"" + serials.getFirst() + "\"]}"))
                .andExpect(status().isForbidden());
        // its own plant's units it ships
        ship(PRODUCTION, "MFG-DE", "DIST-DE", serials.subList(1, 2), "PO-LP-OWN");
    }

    @Test
    void aProductionPortalUserActsOnlyForItsPlantInTheServicesToo() throws Exception {
        var serials = phones(1);
        long toUs = ship(ADMIN, "MFG-DE", "DIST-US", serials, "PO-US-LP4");
        WarrantyTestUnits.as("production", () -> assertThatThrownBy(() -> receiving.receive(new ShipmentId(toUs), serials))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shipment: you act for MFG-DE, not for DIST-US"), "PRODUCTION");
        // a quality engineer is bound to no party: it acts for none
        WarrantyTestUnits.as("quinn", () -> assertThatThrownBy(() -> receiving.receive(new ShipmentId(toUs), serials))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class), "QUALITY");
    }

    // ------------------------------------------------------------------ item 4

    @Test
    void aDistributorReadsOnlyTheHandOversItsOwnPartyTookPartIn() throws Exception {
        var serials = phones(1);
        receive(DISTRIBUTOR, ship(ADMIN, "MFG-DE", "DIST-DE", serials, "PO-DE-LP5"), serials);
        receive(ADMIN, ship(DISTRIBUTOR, "DIST-DE", "DIST-FR", serials, "PO-FR-LP5"), serials);
        receive(ADMIN, ship(ADMIN, "DIST-FR", "RET-DE-01", serials, "PO-SECRET-LP5"), serials);

        String answer = mvc.perform(get("/api/v1/custody/" + serials.getFirst()).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timeline.length()").value(4))
                .andExpect(jsonPath("$.custody.holder").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        assertThat(answer).contains("PO-DE-LP5", "PO-FR-LP5").doesNotContain("PO-SECRET-LP5", "RET-DE-01");

        mvc.perform(get("/api/v1/custody/" + serials.getFirst()).header("Authorization", SERVICE))
                .andExpect(status().isNotFound());
        // channel managers and forensic reviewers investigating the unit see the whole chain
        for (String whole : List.of(ADMIN, FORENSICS)) {
            mvc.perform(get("/api/v1/custody/" + serials.getFirst()).header("Authorization", whole))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.custody.holder").value("RET-DE-01"))
                    .andExpect(jsonPath("$.timeline.length()").value(6));
        }
        mvc.perform(get("/api/v1/custody/" + serials.getFirst()).header("Authorization", PRODUCTION))
                .andExpect(status().isForbidden());
    }

    @Test
    void onlyThePartiesOfAShipmentReadIt() throws Exception {
        var serials = phones(1);
        long toUs = ship(ADMIN, "MFG-DE", "DIST-US", serials, "PO-US-LP6");
        long usToFr;
        receive(ADMIN, toUs, serials);
        usToFr = ship(ADMIN, "DIST-US", "DIST-FR", serials, "PO-FR-LP6");
        for (String noNeed : List.of(QUALITY, WARRANTY, FORENSICS)) {
            mvc.perform(get("/api/v1/shipments").header("Authorization", noNeed)).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/shipments/" + toUs).header("Authorization", noNeed)).andExpect(status().isForbidden());
        }
        for (String otherParty : List.of(DISTRIBUTOR, SERVICE, PRODUCTION)) {
            mvc.perform(get("/api/v1/shipments/" + usToFr).header("Authorization", otherParty))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/shipments").header("Authorization", otherParty))
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("PO-FR-LP6"))));
        }
        // production sees its own plant's shipment, not the distributor's onward one
        mvc.perform(get("/api/v1/shipments/" + toUs).header("Authorization", PRODUCTION)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/shipments/" + usToFr).header("Authorization", ADMIN)).andExpect(status().isOk());
    }

    @Test
    void aServiceCentreReadsNoClaimOfAnotherCentre() throws Exception {
        WarrantyTestUnits.as("lp-admin", () -> {
            parties.createIfAbsent(new NewParty("SVC-LP", "Other service centre", PartyType.SERVICE_CENTRE, "DE",
                    java.util.Set.of("DE"), null));
            parties.bindUser("lp-other-centre", "SVC-LP");
        }, "ADMIN");
        String serial = phones(1).getFirst();
        var claim = WarrantyTestUnits.as("lp-other-centre", () -> claims.submit(new NewClaim("09506000134352", serial,
                "BATTERY", LocalDate.now().minusDays(1), "Owner LP", "owner-lp@example.com", "drains", null),
                ClaimChannel.PORTAL).claim(), "SERVICE_CENTER");

        mvc.perform(get("/api/v1/warranty-claims/" + claim.claimNumber()).header("Authorization", SERVICE))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/warranty-claims/" + claim.claimNumber()).header("Authorization", WARRANTY))
                .andExpect(status().isOk()).andExpect(jsonPath("$.serial").value(serial));
        // nor the unit, which the other centre works on
        mvc.perform(get("/api/v1/serials/" + serial).header("Authorization", SERVICE)).andExpect(status().isNotFound());

        // a claim its own key filed it reads, and so the unit
        String own = phones(1).getFirst();
        String filed = mvc.perform(post("/api/v1/warranty-claims").header("Authorization", SERVICE)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"gtin":"09506000134352","serial":"%s","defectCode":"BATTERY","failureDate":"%s",
                                 "claimantName":"Owner LP","claimantEmail":"owner-lp@example.com"}"""
                                .formatted(own, LocalDate.now().minusDays(1))))
                .andReturn().getResponse().getContentAsString();
        String number = json.readTree(filed).get("claimNumber").asString();
        WarrantyTestUnits.as("lp-other-centre", () -> assertThat(claimQueries.detail(
                org.serialregistry.warranty.ClaimId.of(number))).isEmpty(), "SERVICE_CENTER");
        mvc.perform(get("/api/v1/warranty-claims/" + number).header("Authorization", SERVICE)).andExpect(status().isOk());
    }
}

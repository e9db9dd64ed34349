package org.serialregistry.custody;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
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
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** ERP and partner systems ship and receive through the API with the demo keys of the README. */
@IntegrationTest
class CustodyApiTest {

    static final String ADMIN = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";
    static final String DISTRIBUTOR = "Bearer sr_demodist_DistributorDemoKeyNotForProduction";

    @Autowired
    WebApplicationContext context;
    @Autowired
    SerialIssuance issuance;

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
            var batch = issuance.issue(new IssueBatchRequest("09506000134352", "API" + System.nanoTime() % 100000,
                    "DE-MUC", "L3", n, LocalDate.now().minusDays(2), null, "DE", null), null, true).batch();
            return issuance.serials(batch.id(), 0, n).stream().map(SerialNumber::value).toList();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static String quoted(List<String> serials) {
        return serials.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
    }

    @Test
    void theManufacturerShipsByApiAndTheDistributorKeyConfirmsTheReceipt() throws Exception {
        var serials = phones(5);
        String number = "API-" + System.nanoTime();
        var created = mvc.perform(post("/api/v1/shipments").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shipmentNumber\":\"" + number + "\",\"from\":\"MFG-DE\",\"to\":\"DIST-DE\","
                                + "\"serials\":[" + quoted(serials) + "],\"references\":{\"po\":\"PO-77\"}}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("IN_TRANSIT"))
                .andExpect(jsonPath("$.unitCount").value(5))
                .andReturn().getResponse().getContentAsString();
        long id = json.readTree(created).get("id").asLong();

        mvc.perform(post("/api/v1/shipments/" + id + "/receipt").header("Authorization", DISTRIBUTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"serials\":[" + quoted(serials.subList(0, 4)) + "]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.counts.EXPECTED").value(4))
                .andExpect(jsonPath("$.counts.MISSING").value(1))
                .andExpect(jsonPath("$.shipment.status").value("RECEIVED_WITH_DIFFERENCES"));

        mvc.perform(get("/api/v1/shipments/" + id).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shipment.references.po").value("PO-77"))
                .andExpect(jsonPath("$.receipt.length()").value(5));

        assertThat(heldBy("DIST-DE")).containsAll(serials.subList(0, 4)).doesNotContain(serials.get(4));
        mvc.perform(get("/api/v1/custody").param("holder", "DIST-FR").header("Authorization", DISTRIBUTOR))
                .andExpect(status().isBadRequest());

        mvc.perform(get("/api/v1/custody/" + serials.getFirst()).header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.custody.holder").value("DIST-DE"))
                .andExpect(jsonPath("$.timeline.length()").value(2));
    }

    @Test
    void aDistributorKeyActsOnlyForItsOwnPartyAndNonHoldersAreRefused() throws Exception {
        var serials = phones(1);
        mvc.perform(post("/api/v1/shipments").header("Authorization", DISTRIBUTOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shipmentNumber\":\"X-" + System.nanoTime() + "\",\"from\":\"DIST-FR\",\"to\":\"RET-DE-01\","
                                + "\"serials\":[" + quoted(serials) + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("from: you act for DIST-DE, not for DIST-FR"));

        mvc.perform(post("/api/v1/shipments").header("Authorization", DISTRIBUTOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shipmentNumber\":\"X-" + System.nanoTime() + "\",\"from\":\"DIST-DE\",\"to\":\"RET-DE-01\","
                                + "\"serials\":[" + quoted(serials) + "]}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Transfer refused"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("is held by MFG-DE, not by DIST-DE")));

        mvc.perform(post("/api/v1/shipments/999999/receipt").header("Authorization", DISTRIBUTOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"serials\":[]}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/shipments").header("Authorization", ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shipmentNumber\":\"X-1\",\"from\":\"MFG-DE\",\"to\":\"NOWHERE\",\"serials\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("to"));
    }

    @Test
    void theDemoShipmentWaitingForTheDistributorIsFoundByItsNumber() throws Exception {
        var answer = mvc.perform(get("/api/v1/shipments").param("number", "DEMO-SH-004").header("Authorization", DISTRIBUTOR))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(answer).get("items").get(0).get("toParty").asString()).isEqualTo("DIST-DE");
    }

    static final String CHANNEL = "Bearer sr_demochan_ChannelDemoKeyNotForProduction";

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    String statusChange(String status, String reason, long version) {
        return "{\"status\":\"" + status + "\",\"reason\":\"" + reason + "\",\"version\":" + version + "}";
    }

    @Test
    void aChannelManagerWorksADiversionAlertFromOpenToConfirmedAndTheAuditLogKeepsEveryStep() throws Exception {
        var serial = phones(1).getFirst();
        // a German unit shipped straight to the US distributor: a diversion
        mvc.perform(post("/api/v1/shipments").header("Authorization", ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shipmentNumber\":\"DIV-" + System.nanoTime() + "\",\"from\":\"MFG-DE\","
                                + "\"to\":\"DIST-US\",\"serials\":[\"" + serial + "\"]}"))
                .andExpect(status().isCreated());
        var listed = mvc.perform(get("/api/v1/diversion-alerts").param("serial", serial).header("Authorization", CHANNEL))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].status").value("OPEN"))
                .andExpect(jsonPath("$.items[0].seenMarket").value("US"))
                .andExpect(jsonPath("$.items[0].version").value(0))
                .andReturn().getResponse().getContentAsString();
        long id = json.readTree(listed).get("items").get(0).get("id").asLong();
        String path = "/api/v1/diversion-alerts/" + id + "/status";

        mvc.perform(post(path).header("Authorization", CHANNEL).contentType(MediaType.APPLICATION_JSON)
                        .content(statusChange("CONFIRMED", "", 0)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("reason: say why")));
        mvc.perform(post(path).header("Authorization", CHANNEL).contentType(MediaType.APPLICATION_JSON)
                        .content(statusChange("INVESTIGATING", "", 0)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("INVESTIGATING"))
                .andExpect(jsonPath("$.assignee").value("api-key:demochan"))
                .andExpect(jsonPath("$.version").value(1));
        // a second tab still showing version 0
        mvc.perform(post(path).header("Authorization", CHANNEL).contentType(MediaType.APPLICATION_JSON)
                        .content(statusChange("DISMISSED", "travelling customer", 0)))
                .andExpect(status().isConflict());
        mvc.perform(post(path).header("Authorization", DISTRIBUTOR).contentType(MediaType.APPLICATION_JSON)
                        .content(statusChange("DISMISSED", "not my call to make", 1)))
                .andExpect(status().isForbidden());
        mvc.perform(post(path).header("Authorization", CHANNEL).contentType(MediaType.APPLICATION_JSON)
                        .content(statusChange("CONFIRMED", "DIST-DE confirmed the re-export to the US", 1)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.resolution").value("DIST-DE confirmed the re-export to the US"))
                .andExpect(jsonPath("$.statusChangedBy").value("api-key:demochan"));
        mvc.perform(post(path).header("Authorization", CHANNEL).contentType(MediaType.APPLICATION_JSON)
                        .content(statusChange("INVESTIGATING", "", 2)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("status: an alert that is diversion confirmed cannot become investigating"));

        // closed alerts leave the default list (open and investigating) but stay findable
        mvc.perform(get("/api/v1/diversion-alerts").param("serial", serial).header("Authorization", CHANNEL))
                .andExpect(jsonPath("$.items.length()").value(0));
        mvc.perform(get("/api/v1/diversion-alerts").param("serial", serial).param("status", "CONFIRMED")
                        .header("Authorization", CHANNEL))
                .andExpect(jsonPath("$.items[0].id").value(id));
        assertThat(jdbc.queryForList("select action from audit_entry where subject_id = ? and subject_type = "
                + "'diversion-alert' order by id", String.class, Long.toString(id)))
                .containsExactly("diversion-alert.status", "diversion-alert.status");
    }

    /** Every serial the party holds, page by page as a client reads the list. */
    private java.util.List<String> heldBy(String holder) throws Exception {
        var all = new java.util.ArrayList<String>();
        for (int page = 0; ; page++) {
            var answer = json.readTree(mvc.perform(get("/api/v1/custody").param("holder", holder)
                            .param("page", String.valueOf(page)).param("size", "500").header("Authorization", DISTRIBUTOR))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            answer.get("items").forEach(item -> all.add(item.asString()));
            if (all.size() >= answer.get("total").asLong() || answer.get("items").isEmpty()) {
                return all;
            }
        }
    }
}

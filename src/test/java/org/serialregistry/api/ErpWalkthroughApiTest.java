package org.serialregistry.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The README's ERP story, through the API alone and with the demo keys only (no service is called
 * directly): the ERP sets up a product and a production line and its warranty policy, issues a batch
 * and fetches labels; the unit is shipped to the distributor, received and sold; the service centre
 * files a claim, the adjudicator decides it with their signature, the repair is logged, and the unit
 * comes back through the returns API.
 */
@IntegrationTest
class ErpWalkthroughApiTest extends DemoApi {

    /** A GTIN-14 of the demo company prefix that no other test uses, with its check digit. */
    static String freshGtin() {
        String body = "0950600" + String.format("%06d", System.nanoTime() % 1_000_000);
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 3 : 1);
        }
        return body + (10 - sum % 10) % 10;
    }

    ResultActions call(MockHttpServletRequestBuilder request, String key, String body) throws Exception {
        return mvc.perform(request.header("Authorization", key).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    static String quoted(List<String> serials) {
        return serials.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
    }

    @Test
    void anErpRunsTheUnitsLifeFromProductSetUpToItsReturnThroughTheApiAlone() throws Exception {
        // 1. master data: a new product, a new line in the Munich plant, the product's warranty policy
        String gtin = freshGtin();
        call(post("/api/v1/products"), PRODUCTION, """
                {"gtin":"%s","name":"Aurora X9 walkthrough","category":"ELECTRONICS","riskClass":"HIGH_VALUE",
                 "intendedMarkets":["DE","AT"]}""".formatted(gtin))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.gtin").value(gtin))
                .andExpect(jsonPath("$.intendedMarkets[0]").value("AT"));
        var plant = read(mvc.perform(get("/api/v1/facilities/DE-MUC").header("Authorization", PRODUCTION))
                .andExpect(status().isOk()));
        var taken = new ArrayList<Integer>();
        plant.get("lines").forEach(l -> taken.add(l.get("number").asInt()));
        int lineNumber = 0;
        while (taken.contains(lineNumber)) {
            lineNumber++;
        }
        String line = "W" + lineNumber;
        call(post("/api/v1/facilities/DE-MUC/lines"), PRODUCTION,
                "{\"code\":\"%s\",\"number\":%d,\"name\":\"Walkthrough line\"}".formatted(line, lineNumber))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.lines[?(@.code == '" + line + "')].number").value(lineNumber));
        call(post("/api/v1/warranty-policies"), ADMIN, """
                {"gtin":"%s","effectiveFrom":"2020-01-01","termMonths":24,"startRule":"FROM_PURCHASE",
                 "coveredDefects":["DISPLAY","BATTERY"],"partsCovered":true,"labourCovered":true,"claimLimit":3}"""
                .formatted(gtin))
                .andExpect(status().isCreated());

        // 2. a batch of three units on the new line, and the labels of one
        var batch = read(mvc.perform(post("/api/v1/serial-batches").header("Authorization", PRODUCTION)
                        .header("Idempotency-Key", "erp-walkthrough-" + gtin).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"gtin":"%s","lot":"WALK1","facility":"DE-MUC","line":"%s","quantity":3,
                                 "productionDate":"%s","intendedMarket":"DE"}""".formatted(gtin, line,
                                LocalDate.now().minusDays(20))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("COMPLETED")));
        var serials = new ArrayList<String>();
        batch.get("serials").forEach(s -> serials.add(s.get("serial").asString()));
        assertThat(serials).hasSize(3);
        String unit = serials.getFirst();
        var png = mvc.perform(get("/api/v1/serials/" + unit + "/label.png").header("Authorization", PRODUCTION))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(png.getContentType()).isEqualTo("image/png");
        assertThat(png.getContentAsByteArray()).startsWith(0x89, 'P', 'N', 'G');
        mvc.perform(get("/api/v1/serials/" + unit + "/label.svg").header("Authorization", PRODUCTION))
                .andExpect(status().isOk());

        // 3. shipped from the plant to the distributor, received there, one sold to a customer
        var shipment = read(call(post("/api/v1/shipments"), PRODUCTION, """
                {"shipmentNumber":"WALK-%s","from":"MFG-DE","to":"DIST-DE","serials":[%s],"references":{"po":"PO-WALK"}}"""
                .formatted(gtin, quoted(serials)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("IN_TRANSIT")));
        call(post("/api/v1/shipments/" + shipment.get("id").asLong() + "/receipt"), DISTRIBUTOR,
                "{\"serials\":[" + quoted(serials) + "]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shipment.status").value("RECEIVED"));
        call(post("/api/v1/sales"), DISTRIBUTOR, "{\"party\":\"DIST-DE\",\"serials\":[\"" + unit + "\"],\"receipt\":\"POS-77\"}")
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/custody/" + unit).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isOk());

        // 4. the service centre files a claim the day it fails; with no registered owner it waits for a person
        var claim = read(call(post("/api/v1/warranty-claims"), SERVICE, """
                {"gtin":"%s","serial":"%s","defectCode":"DISPLAY","failureDate":"%s","claimantName":"Walk Through",
                 "claimantEmail":"walk@example.com","description":"Display flickers"}"""
                .formatted(gtin, unit, LocalDate.now(java.time.ZoneOffset.UTC)))
                .andExpect(status().isCreated()));
        String number = claim.get("claimNumber").asString();
        assertThat(claim.get("state").asString()).as(claim.toString()).isEqualTo("NEEDS_REVIEW");
        mvc.perform(get("/api/v1/warranty-claims").param("state", "NEEDS_REVIEW").param("size", "500")
                        .header("Authorization", WARRANTY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.claimNumber == '" + number + "')]").isNotEmpty());

        // 5. the adjudicator decides it; the calling system's key alone cannot sign
        call(post("/api/v1/warranty-claims/" + number + "/decision"), WARRANTY,
                "{\"decision\":\"APPROVED\",\"meaning\":\"APPROVAL\",\"note\":\"Known display fault\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signature.username"));
        call(post("/api/v1/warranty-claims/" + number + "/decision"), WARRANTY, """
                {"decision":"APPROVED","meaning":"APPROVAL","note":"Known display fault",
                 "signature":{"username":"warranty","password":"warranty"}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.claim.state").value("RMA_ISSUED"))
                .andExpect(jsonPath("$.signatures[0].signedBy").value("warranty"));

        // 6. the RMA is in the service centre's queue; the repair is logged against it
        mvc.perform(get("/api/v1/rmas").param("size", "500").header("Authorization", SERVICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.claim.claimNumber == '" + number + "')]").isNotEmpty());
        call(post("/api/v1/repairs"), SERVICE, """
                {"claim":"%s","actions":"Replaced the display","parts":"DSP-X9","technician":"K. Weber","outcome":"REPAIRED"}"""
                .formatted(number))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.claimNumber").value(number))
                .andExpect(jsonPath("$.serviceCentre").value("SVC-DE"));
        mvc.perform(get("/api/v1/warranty-claims/" + number + "/repairs").header("Authorization", WARRANTY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].outcome").value("REPAIRED"));
        mvc.perform(get("/api/v1/warranty-claims/" + number).header("Authorization", SERVICE))
                .andExpect(jsonPath("$.state").value("REPAIRED"));
        assertThat(jdbc.queryForList("select action from audit_entry where subject_id = ? order by id", String.class,
                number)).containsSubsequence("claim.submitted", "claim.decided", "claim.serviced", "repair.logged");

        // 7. a second unit of the batch comes back from the distributor through the returns API
        mvc.perform(post("/api/v1/returns").header("Authorization", SERVICE).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"rmaNumber":"RMA-WALK-%s","fromParty":"DIST-DE",
                                 "lines":[{"serial":"%s","reason":"not wanted"}]}""".formatted(gtin, serials.get(1))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.lines[0].serial").value(serials.get(1)));
        mvc.perform(get("/api/v1/returns/RMA-WALK-" + gtin).header("Authorization", SERVICE))
                .andExpect(status().isOk());
    }
}

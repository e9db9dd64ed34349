package org.serialregistry.epcis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.custody.Custody;
import org.serialregistry.custody.CustodyState;
import org.serialregistry.epcis.internal.EpcisSchema;
import org.serialregistry.epcis.internal.EventHash;
import org.serialregistry.epcis.internal.Gs1Examples;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.Epcis2Validator;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Partners send EPCIS 2.0 documents with the demo keys of the README, and query what they may see. */
@IntegrationTest
class EpcisCaptureTest {

    static final String ADMIN = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";
    static final String DISTRIBUTOR = "Bearer sr_demodist_DistributorDemoKeyNotForProduction";
    static final String PHONE = "09506000134352";
    /** The phone's GTIN as an SGTIN URN prefix: company prefix 9506000, indicator 0, item reference 13435. */
    static final String PHONE_URN = "urn:epc:id:sgtin:9506000.013435.";

    @Autowired
    WebApplicationContext context;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    Custody custody;

    MockMvc mvc;
    final JsonMapper json = JsonMapper.builder().build();
    final EpcisSchema schema = new EpcisSchema();

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** Phones made in Munich: held by MFG-DE until they move. */
    List<String> phones(int n) {
        return asAdmin(() -> {
            var batch = issuance.issue(new IssueBatchRequest(PHONE, "EP" + System.nanoTime() % 1_000_000,
                    "DE-MUC", "L3", n, LocalDate.now().minusDays(2), null, "DE", null), null, true).batch();
            return issuance.serials(batch.id(), 0, n).stream().map(SerialNumber::value).toList();
        });
    }

    static <T> T asAdmin(java.util.function.Supplier<T> work) {
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("pat", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN", "ROLE_PRODUCTION")));
        SecurityContextHolder.setContext(ctx);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    org.serialregistry.custody.UnitCustody holder(String serial) {
        return asAdmin(() -> custody.holderOf(serial)).orElseThrow();
    }

    static String digitalLink(String serial) {
        return "https://id.example.com/01/" + PHONE + "/21/" + serial;
    }

    static String doc(String... events) {
        return """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-12-01T10:00:00Z",
                 "epcisBody": {"eventList": [%s]}}""".formatted(String.join(",", events));
    }

    static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
    }

    static String now() {
        return Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String objectEvent(String bizStep, String disposition, List<String> epcs, String from, String to,
                              String desadv, String time) {
        return """
                {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "%s", "eventTimeZoneOffset": "+01:00",
                 "epcList": [%s], "bizStep": "%s", "disposition": "%s",
                 "bizLocation": {"id": "urn:serial-registry:location:%s"},
                 "bizTransactionList": [{"type": "desadv", "bizTransaction": "urn:serial-registry:bt:desadv:%s"}],
                 "sourceList": [{"type": "owning_party", "source": "urn:serial-registry:party:%s"}],
                 "destinationList": [{"type": "owning_party", "destination": "urn:serial-registry:party:%s"}]}"""
                .formatted(time, quoted(epcs), bizStep, disposition, bizStep.equals("receiving") ? to : from, desadv,
                        from, to);
    }

    static String aggregation(String action, String parent, List<String> children, String time) {
        return """
                {"type": "AggregationEvent", "action": "%s", "eventTime": "%s", "eventTimeZoneOffset": "+01:00",
                 "parentID": "%s", "childEPCs": [%s], "bizStep": "%s", "disposition": "in_progress",
                 "bizLocation": {"id": "urn:serial-registry:location:MFG-DE"}}"""
                .formatted(action, time, parent, quoted(children), action.equals("ADD") ? "packing" : "unpacking");
    }

    JsonNode capture(String key, String document) throws Exception {
        MvcResult r = mvc.perform(post("/epcis/capture").header("Authorization", key)
                        .contentType("application/ld+json").content(document))
                .andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(202);
        assertThat(r.getResponse().getHeader("Location")).contains("/epcis/capture/");
        String location = r.getResponse().getHeader("Location");
        String job = mvc.perform(get(location.substring(location.indexOf("/epcis/"))).header("Authorization", key))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(job);
    }

    JsonNode query(String key, Map<String, String> params) throws Exception {
        var request = get("/epcis/events").header("Authorization", key);
        params.forEach(request::param);
        String body = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode answer = json.readTree(body);
        assertThat(schema.problems(answer)).as("our query answer against GS1's EPCIS 2.0 schema").isEmpty();
        return answer;
    }

    @Test
    void ourQueryAnswersPassGs1sEpcis2JsAndABrokenOneDoesNot() throws Exception {
        var serials = phones(1);
        capture(ADMIN, doc(objectEvent("shipping", "in_transit", List.of(PHONE_URN + serials.getFirst()), "MFG-DE",
                "DIST-DE", "EP-JS-" + System.nanoTime(), now())));
        String answer = mvc.perform(get("/epcis/events").header("Authorization", DISTRIBUTOR)
                        .param("MATCH_epc", digitalLink(serials.getFirst())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(events(json.readTree(answer))).hasSize(1);
        assertThat(Epcis2Validator.validate(answer)).isEqualTo("valid");
        var broken = (ObjectNode) json.readTree(answer);
        ((ObjectNode) events(broken).get(0)).put("eventTime", 20261203);
        assertThat(Epcis2Validator.validate(broken.toString())).startsWith("invalid: ").contains("eventTime");
    }

    static JsonNode events(JsonNode queryDocument) {
        return queryDocument.get("epcisBody").get("queryResults").get("resultsBody").get("eventList");
    }

    @Test
    void aDistributorShipsByEpcisAndTheRetailersReceiptOfThePalletReceivesWhatIsPackedInIt() throws Exception {
        var serials = phones(3);
        String shipment = "EP-SH-" + System.nanoTime();
        String pallet = "urn:epc:id:sscc:9506000." + String.format("%010d", System.nanoTime() % 10_000_000_000L);
        // MFG-DE packs the three phones on a pallet and ships the pallet to DIST-DE
        var packed = capture(ADMIN, doc(aggregation("ADD", pallet, serials.stream().map(s -> PHONE_URN + s).toList(), now()),
                objectEvent("shipping", "in_transit", List.of(pallet), "MFG-DE", "DIST-DE", shipment, now())));
        assertThat(packed.get("success").asBoolean()).as(packed.toString()).isTrue();
        assertThat(packed.get("appliedCount").asInt()).isEqualTo(2);
        for (String s : serials) {
            var c = holder(s);
            assertThat(c.state()).isEqualTo(CustodyState.IN_TRANSIT);
            assertThat(c.inTransitTo()).isEqualTo("DIST-DE");
        }
        // the distributor's key receives the pallet (SSCC in Digital Link form): every phone on it is received
        var received = capture(DISTRIBUTOR, doc(objectEvent("receiving", "sellable_accessible",
                List.of("https://id.gs1.org/00/" + ssccDigits(pallet)), "MFG-DE", "DIST-DE", shipment, now())));
        assertThat(received.get("success").asBoolean()).as(received.toString()).isTrue();
        for (String s : serials) {
            var c = holder(s);
            assertThat(c.holder()).isEqualTo("DIST-DE");
            assertThat(c.state()).isEqualTo(CustodyState.HELD);
        }
        // the distributor reads both custody events of one phone back, asking with its Digital Link
        var mine = events(query(DISTRIBUTOR, Map.of("MATCH_anyEPC", "https://id.gs1.org/00/" + ssccDigits(pallet))));
        assertThat(mine).hasSize(2);
        // the packing names the phone (the pallet events name the pallet); it happened at MFG-DE, which the
        // distributor does not see, and the administrator does
        assertThat(events(query(DISTRIBUTOR, Map.of("MATCH_anyEPC", PHONE_URN + serials.getFirst())))).isEmpty();
        var packing = events(query(ADMIN, Map.of("MATCH_anyEPC", digitalLink(serials.getFirst()))));
        assertThat(packing).hasSize(1);
        assertThat(packing.get(0).get("type").asString()).isEqualTo("AggregationEvent");
        var byStep = events(query(DISTRIBUTOR, Map.of("EQ_bizStep", "receiving", "MATCH_epc",
                "https://id.gs1.org/00/" + ssccDigits(pallet))));
        assertThat(byStep).hasSize(1);
        assertThat(byStep.get(0).get("bizStep").asString()).isEqualTo("receiving");
        assertThat(byStep.get(0).has("recordTime")).isTrue();
    }

    static String ssccDigits(String ssccUrn) {
        String[] p = ssccUrn.substring("urn:epc:id:sscc:".length()).split("\\.");
        String first17 = p[1].charAt(0) + p[0] + p[1].substring(1);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int d = first17.charAt(16 - i) - '0';
            sum += i % 2 == 0 ? 3 * d : d;
        }
        return first17 + (10 - sum % 10) % 10;
    }

    @Test
    void aSenderThatDoesNotHoldTheUnitsIsRefusedAndTheWholeDocumentRollsBack() throws Exception {
        var held = phones(1); // held by MFG-DE, not by DIST-DE
        var other = phones(1);
        int refusalsBefore = asAdmin(() -> custody.refusals(1000).size());
        String first = objectEvent("shipping", "in_transit", List.of(PHONE_URN + other.getFirst()), "MFG-DE", "DIST-FR",
                "EP-OK-" + System.nanoTime(), now());
        String refused = objectEvent("shipping", "in_transit", List.of(digitalLink(held.getFirst())), "DIST-DE",
                "RET-DE-01", "EP-NO-" + System.nanoTime(), now());
        var job = capture(ADMIN, doc(first, refused));
        assertThat(job.get("success").asBoolean()).isFalse();
        assertThat(job.get("appliedCount").asInt()).isZero();
        assertThat(job.get("errors").get(0).asString())
                .startsWith("eventList[1].epcList: DIST-DE does not hold 1 of the 1 units")
                .contains("held by MFG-DE");
        // all or nothing: the first, valid, shipment did not happen either
        assertThat(holder(other.getFirst()).moved()).isFalse();
        assertThat(events(query(ADMIN, Map.of("MATCH_epc", PHONE_URN + other.getFirst())))).isEmpty();
        // ... but the refused attempt is kept as a signal
        assertThat(asAdmin(() -> custody.refusals(1000))).hasSize(refusalsBefore + 1);
        assertThat(asAdmin(() -> custody.refusals(1).getFirst().fromParty())).isEqualTo("DIST-DE");
    }

    @Test
    void theDistributorKeyCannotShipForAnotherParty() throws Exception {
        var serials = phones(1);
        var job = capture(DISTRIBUTOR, doc(objectEvent("shipping", "in_transit", List.of(PHONE_URN + serials.getFirst()),
                "MFG-DE", "DIST-DE", "EP-X-" + System.nanoTime(), now())));
        assertThat(job.get("success").asBoolean()).isFalse();
        assertThat(job.get("errors").get(0).asString()).isEqualTo("eventList[0].sourceList: you act for DIST-DE, not for MFG-DE");
    }

    @Test
    void theSameEventSentTwiceInAnotherFormIsCapturedOnce() throws Exception {
        var serials = phones(2);
        String time = now();
        String number = "EP-DUP-" + System.nanoTime();
        var first = capture(ADMIN, doc(objectEvent("shipping", "in_transit", serials.stream().map(s -> PHONE_URN + s).toList(),
                "MFG-DE", "DIST-DE", number, time)));
        assertThat(first.get("appliedCount").asInt()).isEqualTo(1);
        // the same event again, EPCs as Digital Links in the other order, CBV values as GS1 web URIs: a duplicate, not a second shipment
        String again = objectEvent("https://ref.gs1.org/cbv/BizStep-shipping", "https://ref.gs1.org/cbv/Disp-in_transit",
                serials.reversed().stream().map(EpcisCaptureTest::digitalLink).toList(), "MFG-DE", "DIST-DE", number, time)
                .replace("\"desadv\"", "\"https://ref.gs1.org/cbv/BTT-desadv\"");
        var second = capture(ADMIN, doc(again));
        assertThat(second.get("success").asBoolean()).as(second.toString()).isTrue();
        assertThat(second.get("appliedCount").asInt()).isZero();
        assertThat(second.get("duplicateCount").asInt()).isEqualTo(1);
        assertThat(events(query(ADMIN, Map.of("MATCH_epc", digitalLink(serials.getFirst()))))).hasSize(1);
    }

    @Test
    void anErrorDeclarationMarksTheEarlierEventAndUndoesItsPacking() throws Exception {
        var serials = phones(1);
        String caseId = PHONE_URN + "CASE" + System.nanoTime() % 1_000_000;
        String packing = aggregation("ADD", caseId, List.of(PHONE_URN + serials.getFirst()), now());
        assertThat(capture(ADMIN, doc(packing)).get("success").asBoolean()).isTrue();
        // packed in one case, it cannot be packed into another
        String otherCase = PHONE_URN + "CASEB" + System.nanoTime() % 1_000_000;
        var twice = capture(ADMIN, doc(aggregation("ADD", otherCase, List.of(PHONE_URN + serials.getFirst()), now())));
        assertThat(twice.get("errors").get(0).asString()).contains("is already packed in");
        // the packing is declared in error: the event carries the declaration, and the unit is free again
        String declared = packing.replace("\"action\"", "\"errorDeclaration\": {\"declarationTime\": \"" + now()
                + "\", \"reason\": \"incorrect_data\"}, \"action\"");
        assertThat(capture(ADMIN, doc(declared)).get("success").asBoolean()).isTrue();
        var answer = events(query(ADMIN, Map.of("MATCH_epc", PHONE_URN + serials.getFirst(), "EQ_bizStep", "packing")));
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).get("errorDeclaration").get("reason").asString()).isEqualTo("incorrect_data");
        assertThat(capture(ADMIN, doc(aggregation("ADD", otherCase, List.of(PHONE_URN + serials.getFirst()), now())))
                .get("success").asBoolean()).isTrue();
        // unpacking (DELETE) frees it again
        assertThat(capture(ADMIN, doc(aggregation("DELETE", otherCase, List.of(), now()))).get("success").asBoolean()).isTrue();
        assertThat(capture(ADMIN, doc(aggregation("ADD", caseId, List.of(PHONE_URN + serials.getFirst()), now())))
                .get("success").asBoolean()).isTrue();
    }

    @Test
    void aDocumentTheSchemaRefusesIsAnsweredAt400NamingTheFieldAndNothingIsStored() throws Exception {
        var serials = phones(1);
        String bad = objectEvent("shipping", "in_transit", List.of(PHONE_URN + serials.getFirst()), "MFG-DE", "DIST-DE",
                "EP-BAD-" + System.nanoTime(), "yesterday");
        mvc.perform(post("/epcis/capture").header("Authorization", ADMIN).contentType("application/ld+json").content(doc(bad)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("eventList[0].eventTime"))
                .andExpect(jsonPath("$.errors[0]").value(org.hamcrest.Matchers.startsWith("eventList[0].eventTime: ")));
        mvc.perform(post("/epcis/capture").header("Authorization", ADMIN).contentType("application/json").content("{\"type\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("document"));
        assertThat(events(query(ADMIN, Map.of("MATCH_epc", PHONE_URN + serials.getFirst())))).isEmpty();
        assertThat(holder(serials.getFirst()).moved()).isFalse();
    }

    @Test
    void theStandardsExampleDocumentsAreCapturedAndReadBackEqual() throws Exception {
        var firstOfHash = new LinkedHashMap<String, JsonNode>();
        for (var file : Gs1Examples.all()) {
            JsonNode doc = json.readTree(Gs1Examples.read(file));
            if (!"EPCISDocument".equals(doc.get("type").asString())) {
                continue; // the query document example: checked by the schema test
            }
            var job = capture(ADMIN, Gs1Examples.read(file));
            assertThat(job.get("success").asBoolean()).as(file + ": " + job).isTrue();
            for (JsonNode event : doc.get("epcisBody").get("eventList")) {
                if (!event.has("errorDeclaration")) {
                    firstOfHash.putIfAbsent(EventHash.of(event), event);
                }
            }
        }
        // none of them concerns a party, so a distributor's key sees none of them; an administrator sees all
        var all = new HashMap<String, JsonNode>();
        String token = null;
        do {
            var params = new HashMap<String, String>(Map.of("perPage", "25"));
            if (token != null) {
                params.put("nextPageToken", token);
            }
            var request = get("/epcis/events").header("Authorization", ADMIN);
            params.forEach(request::param);
            var response = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse();
            JsonNode page = json.readTree(response.getContentAsString());
            assertThat(schema.problems(page)).isEmpty();
            for (JsonNode e : events(page)) {
                var copy = (ObjectNode) e.deepCopy();
                copy.remove("recordTime");
                copy.remove("errorDeclaration");
                all.putIfAbsent(EventHash.of(copy), copy);
            }
            token = response.getHeader("GS1-Next-Page-Token");
            if (token != null) {
                assertThat(response.getHeader("Link")).contains("nextPageToken=" + token).endsWith("rel=\"next\"");
            }
        } while (token != null);
        for (var e : firstOfHash.entrySet()) {
            var sent = (ObjectNode) e.getValue().deepCopy();
            sent.remove("recordTime"); // the repository sets the record time (EPCIS 2.0, 7.4.1)
            assertThat(all.get(e.getKey())).as("read back: " + sent).isEqualTo(sent);
        }
        for (var e : firstOfHash.values()) {
            if (e.has("epcList") && !e.get("epcList").isEmpty()) {
                assertThat(events(query(DISTRIBUTOR, Map.of("MATCH_epc", e.get("epcList").get(0).asString())))).isEmpty();
            }
        }
        // the standard's error declaration example marks the 9.6.1 event captured before it
        var declared = events(query(ADMIN, Map.of("MATCH_epc", "urn:epc:id:sgtin:0614141.107346.2018",
                "EQ_bizStep", "shipping")));
        assertThat(declared).anyMatch(ev -> ev.has("errorDeclaration"));
    }

    @Test
    void aShipmentMadeThroughOurOwnApiIsQueryableAsAnEpcisEventByItsParties() throws Exception {
        var serials = phones(2);
        String number = "EP-OWN-" + System.nanoTime();
        mvc.perform(post("/api/v1/shipments").header("Authorization", ADMIN).contentType("application/json")
                        .content("{\"shipmentNumber\":\"" + number + "\",\"from\":\"MFG-DE\",\"to\":\"DIST-DE\","
                                + "\"serials\":[" + quoted(serials) + "]}"))
                .andExpect(status().isCreated());
        var params = Map.of("MATCH_epc", PHONE_URN + serials.getLast(), "EQ_bizStep", "shipping");
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(events(query(DISTRIBUTOR, params))).hasSize(1));
        var event = events(query(DISTRIBUTOR, params)).get(0);
        assertThat(event.get("epcList")).hasSize(2);
        assertThat(event.get("sourceList").get(0).get("source").asString()).isEqualTo("urn:serial-registry:party:MFG-DE");
        assertThat(event.get("bizTransactionList").get(0).get("bizTransaction").asString())
                .isEqualTo("urn:serial-registry:bt:desadv:" + number);
        // the shipment is named by its despatch advice when the distributor's system receives it by EPCIS
        var received = capture(DISTRIBUTOR, doc(objectEvent("receiving", "sellable_accessible",
                serials.stream().map(EpcisCaptureTest::digitalLink).toList(), "MFG-DE", "DIST-DE", number, now())
                .replaceAll(",\\s*\"bizTransactionList\": \\[[^]]*]", "")));
        assertThat(received.get("success").asBoolean()).as(received.toString()).isTrue();
        assertThat(holder(serials.getFirst()).holder()).isEqualTo("DIST-DE");
    }

    @Test
    void theOpenApiDocumentListsTheEpcisAndAuditEndpointsWithExamples() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/epcis/capture'].post.requestBody.content['application/ld+json'].examples.shipping")
                        .exists())
                .andExpect(jsonPath("$.paths['/epcis/capture'].post.responses['202'].content['application/json'].examples.job")
                        .exists())
                .andExpect(jsonPath("$.paths['/epcis/capture/{id}'].get").exists())
                .andExpect(jsonPath("$.paths['/epcis/events'].get.parameters[?(@.name == 'EQ_bizStep')]").exists())
                .andExpect(jsonPath("$.paths['/epcis/events'].get.responses['200'].content['application/ld+json'].examples")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/audit'].get.responses['200'].content['application/json'].examples")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/audit/export'].get.responses['200'].content['text/csv'].examples.csv").exists());
    }

    @Test
    void queryParametersAreCheckedInOnePass() throws Exception {
        mvc.perform(get("/epcis/events").header("Authorization", ADMIN).param("perPage", "0")
                        .param("GE_eventTime", "tomorrow"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("GE_eventTime: not a date")));
        mvc.perform(get("/epcis/events").header("Authorization", ADMIN).param("perPage", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("perPage"));
        mvc.perform(get("/epcis/events").header("Authorization", ADMIN).param("nextPageToken", "bogus"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("nextPageToken"));
    }
}

package org.serialregistry.returns;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.shared.SerialNumber;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.forged;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A distributor sends phones back; the returns desk's warehouse system takes them in through the API. */
@IntegrationTest
class ReturnsStoriesTest extends ReturnsMvcTest {

    List<SerialNumber> phonesAtDistributor(int n) {
        return phonesAtDistributor(n, LocalDate.now().minusDays(30));
    }

    static String line(String serial, String reason) {
        return "{\"serial\":\"" + serial + "\",\"reason\":\"" + reason + "\"}";
    }

    JsonNode postReturn(String body) throws Exception {
        var result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/returns")
                        .header("Authorization", SERVICE).contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        return json.readTree(result.getResponse().getContentAsString());
    }

    @Test
    void aDistributorReturns300PhonesWithThreeCounterfeitsAmongThem() throws Exception {
        var serials = phonesAtDistributor(300);
        // three of the codes on the boxes are copies: the real units stay in the field
        var fakes = Set.of(forged(serials.get(7)), forged(serials.get(150)), forged(serials.get(299)));
        var returned = new ArrayList<String>();
        for (int i = 0; i < 300; i++) {
            returned.add(i == 7 || i == 150 || i == 299 ? forged(serials.get(i)) : serials.get(i).value());
        }
        String body = "{\"rmaNumber\":\"RMA-D" + System.nanoTime() % 1_000_000_000 + "\",\"fromParty\":\"DIST-DE\",\"lines\":["
                + IntStream.range(0, 300).mapToObj(i -> line(returned.get(i), i < 280 ? "not wanted" : "DEFECTIVE"))
                .collect(Collectors.joining(",")) + "]}";

        var answer = postReturn(body);

        var lines = answer.get("lines");
        assertThat(lines.size()).isEqualTo(300);
        var quarantined = new ArrayList<String>();
        for (var l : lines) {
            if (l.get("quarantined").asBoolean()) {
                quarantined.add(l.get("serial").asString());
                assertThat(l.get("refundable").asBoolean()).as("a counterfeit is not refunded").isFalse();
                assertThat(l.get("disposition").asString()).isEqualTo("QUARANTINE");
                assertThat(l.get("dispositionWhy").asString()).contains("never issued this serial");
            } else {
                assertThat(l.get("refundable").asBoolean()).isTrue();
                assertThat(l.get("disposition").asString()).isIn("RESTOCK", "REPAIR");
            }
        }
        assertThat(quarantined).containsExactlyInAnyOrderElementsOf(fakes);

        // the warehouse asks what to do with a unit, and why
        mvc.perform(get("/api/v1/returns/units/" + serials.get(0).value() + "/disposition").header("Authorization", SERVICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disposition").value("RESTOCK"))
                .andExpect(jsonPath("$.why").value(org.hamcrest.Matchers.containsString("commercial return")));
        mvc.perform(get("/api/v1/returns/units/" + serials.get(290).value() + "/disposition").header("Authorization", SERVICE))
                .andExpect(jsonPath("$.disposition").value("REPAIR"))
                .andExpect(jsonPath("$.why").value(org.hamcrest.Matchers.containsString("under warranty")));
        mvc.perform(get("/api/v1/returns/units/" + forged(serials.get(7)) + "/disposition").header("Authorization", SERVICE))
                .andExpect(jsonPath("$.disposition").value("QUARANTINE"))
                .andExpect(jsonPath("$.refundable").value(false));

        // receiving and inspecting are in the unit's history
        var history = units.history(serials.get(0));
        assertThat(history).anySatisfy(e -> {
            assertThat(e.bizStep()).isEqualTo(BusinessStep.RECEIVING);
            assertThat(e.disposition()).isEqualTo(Disposition.RETURNED);
            assertThat(e.sourceParty()).isEqualTo("DIST-DE");
        });
        assertThat(history).anySatisfy(e -> assertThat(e.bizStep()).isEqualTo(BusinessStep.INSPECTING));

        // each counterfeit raised a signal
        for (String fake : fakes) {
            await("a suspect-return case for " + fake).pollInSameThread().atMost(Duration.ofSeconds(30))
                    .until(() -> as("forensics", () -> cases.search(new CaseQuery(fake, null, SignalType.SUSPECT_RETURN, 5)),
                            "FORENSICS"), found -> !found.isEmpty());
        }

        // the distributor reads its own return; another party's key would not find it
        mvc.perform(get("/api/v1/returns/" + answer.get("rmaNumber").asString()).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isOk()).andExpect(jsonPath("$.fromParty").value("DIST-DE"));
    }

    @Test
    void aGenuineUnitFromAPartyItWasNeverShippedToIsQuarantinedLockedAndSignalled() throws Exception {
        var serial = phonesAtDistributor(1).getFirst().value();
        var answer = postReturn("{\"fromParty\":\"DIST-FR\",\"lines\":[" + line(serial, "defective") + "]}");

        var l = answer.get("lines").get(0);
        assertThat(l.get("quarantined").asBoolean()).isTrue();
        assertThat(l.get("refundable").asBoolean()).isFalse();
        assertThat(l.get("dispositionWhy").asString()).contains("Comes back from DIST-FR, but it was sold or shipped to DIST-DE");
        assertThat(answer.get("rmaNumber").asString()).startsWith("RET-");
        assertThat(units.find(new SerialNumber(serial)).orElseThrow().status()).isEqualTo(UnitStatus.LOCKED);
        await("a suspect-return case").pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> as("forensics", () -> cases.search(new CaseQuery(serial, null, SignalType.SUSPECT_RETURN, 5)),
                        "FORENSICS"), found -> !found.isEmpty());
        // DIST-DE did not send this return: its key does not see it
        mvc.perform(get("/api/v1/returns/" + answer.get("rmaNumber").asString()).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isNotFound());
    }

    @Test
    void theWarehouseSystemReleasesAQuarantinedUnitOnlyWithAQualityEngineersSignature() throws Exception {
        var serial = phonesAtDistributor(1).getFirst().value();
        var l = postReturn("{\"fromParty\":\"DIST-FR\",\"lines\":[" + line(serial, "defective") + "]}").get("lines").get(0);
        String override = "/api/v1/returns/lines/" + l.get("id").asLong() + "/override";
        String body = "{\"version\":" + l.get("version").asLong() + ",\"disposition\":\"REPAIR\",\"meaning\":\"APPROVAL\","
                + "\"reason\":\"DIST-FR bought it from DIST-DE: invoice seen\",\"signature\":%s}";

        // the system's key alone, or a service-centre signer, cannot release it
        mvc.perform(post(override)
                        .header("Authorization", SERVICE).contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted("null")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("signature.username"));
        mvc.perform(post(override)
                        .header("Authorization", SERVICE).contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted("{\"username\":\"service\",\"password\":\"service\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("only the quality team")));

        mvc.perform(post(override)
                        .header("Authorization", SERVICE).contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted("{\"username\":\"quality\",\"password\":\"quality\"}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disposition").value("REPAIR"))
                .andExpect(jsonPath("$.dispositionWhy").value(org.hamcrest.Matchers.containsString("Overridden by")));
    }

    @Test
    void aRecalledUnitFromAnUnexpectedPartyIsQuarantinedAndStaysRecalled() throws Exception {
        var serial = phonesAtDistributor(1).getFirst();
        var unit = units.find(serial).orElseThrow();
        as("quality", () -> units.recallLot(unit.gtin(), unit.lot(), "Battery may swell"), "QUALITY");
        var answer = postReturn("{\"fromParty\":\"DIST-FR\",\"lines\":[" + line(serial.value(), "defective") + "]}");
        assertThat(answer.get("lines").get(0).get("disposition").asString()).isEqualTo("QUARANTINE");
        assertThat(units.find(serial).orElseThrow().status()).isEqualTo(UnitStatus.RECALLED);
        assertThat(units.history(serial)).anySatisfy(e -> assertThat(e.bizStep()).isEqualTo(BusinessStep.HOLDING));
    }

    @Test
    void everyBadRowOfAnExcelSheetIsNamedInOnePassAndNothingIsWritten() throws Exception {
        var serials = phonesAtDistributor(2);
        byte[] sheet = sheet(List.of(List.of("serial", "reason", "note"), List.of(serials.get(0).value(), "not wanted", ""),
                List.of("no good!", "defective", ""), List.of(serials.get(1).value(), "bored", ""),
                List.of(serials.get(0).value(), "defective", "")));
        String rma = "RMA-X" + System.nanoTime() % 1_000_000_000;
        mvc.perform(multipart("/api/v1/returns").file(new MockMultipartFile("file", "r.xlsx", null, sheet))
                        .param("fromParty", "DIST-DE").param("rmaNumber", rma).header("Authorization", SERVICE))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("line 2: serial: 'no good!' is not a serial"),
                        org.hamcrest.Matchers.containsString("line 3: reason: 'bored' is none of"),
                        org.hamcrest.Matchers.containsString("line 4: serial: " + serials.get(0).value() + " is already on line 1"))));
        mvc.perform(get("/api/v1/returns/" + rma).header("Authorization", SERVICE)).andExpect(status().isNotFound());

        byte[] good = sheet(List.of(List.of("Serial", "Reason"), List.of(serials.get(0).value(), "Not wanted"),
                List.of(serials.get(1).value(), "damaged in transit")));
        mvc.perform(multipart("/api/v1/returns").file(new MockMultipartFile("file", "r.xlsx", null, good))
                        .param("fromParty", "DIST-DE").param("rmaNumber", rma).header("Authorization", SERVICE))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.channel").value("SHEET"))
                .andExpect(jsonPath("$.lines[1].disposition").value("RETURN_TO_SUPPLIER"));
    }

    @Test
    void theQualityTeamChangesARuleAndTheNextReturnIsRoutedByIt() throws Exception {
        var created = mvc.perform(post("/api/v1/returns/disposition-rules").header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"priority\":5,\"reason\":\"wrong item\",\"disposition\":\"SCRAP\","
                                + "\"explanation\":\"Wrong items of this season are scrapped\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = json.readTree(created).get("id").asLong();
        var serial = phonesAtDistributor(1).getFirst().value();
        var answer = postReturn("{\"fromParty\":\"DIST-DE\",\"lines\":[" + line(serial, "wrong item") + "]}");
        assertThat(answer.get("lines").get(0).get("disposition").asString()).isEqualTo("SCRAP");
        assertThat(answer.get("lines").get(0).get("dispositionWhy").asString())
                .isEqualTo("Rule 5 (reason wrong item): Wrong items of this season are scrapped.");

        // the rule is switched off again; a missing explanation and a bad priority are named together
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                        "/api/v1/returns/disposition-rules/" + id).header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"priority\":0,\"disposition\":\"SCRAP\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("priority: "), org.hamcrest.Matchers.containsString("explanation: "))));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                        "/api/v1/returns/disposition-rules/" + id).header("Authorization", QUALITY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"priority\":5,\"reason\":\"wrong item\","
                                + "\"disposition\":\"SCRAP\",\"explanation\":\"Off again\",\"active\":false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.active").value(false));
        // a service centre may read the rules but not change them
        mvc.perform(post("/api/v1/returns/disposition-rules").header("Authorization", SERVICE)
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());
    }

    static byte[] sheet(List<List<String>> rows) throws Exception {
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Return");
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}

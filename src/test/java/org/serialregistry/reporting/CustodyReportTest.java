package org.serialregistry.reporting;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextField;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** An admin hands auditors the custody report of the demo phones' lot, as Excel and as EPCIS. */
@IntegrationTest
@WithUserDetails("admin")
class CustodyReportTest extends SpringBrowserlessTest {

    static final String ADMIN = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";
    static final String DISTRIBUTOR = "Bearer sr_demodist_DistributorDemoKeyNotForProduction";

    @Autowired
    CustodyReports reports;
    @Autowired
    WebApplicationContext context;
    MockMvc mvc;

    @BeforeEach
    void api() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    static List<List<String>> rows(byte[] xlsx) throws Exception {
        var result = new ArrayList<List<String>>();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : wb.getSheetAt(0)) {
                var cells = new ArrayList<String>();
                for (int i = 0; i < 15; i++) {
                    var c = row.getCell(i);
                    cells.add(c == null ? "" : c.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                            ? String.valueOf((long) c.getNumericCellValue()) : c.getStringCellValue());
                }
                result.add(cells);
            }
        }
        return result;
    }

    @Test
    void theExcelReportOfALotOpensBackWithOneRowPerUnitAndCustodyEvent() throws Exception {
        var filter = reports.filter("09506000134352", "A2611", null, null, null);
        var out = new ByteArrayOutputStream();
        long written = reports.write(filter, ReportFormat.XLSX, out, n -> { });

        var rows = rows(out.toByteArray());
        assertThat(rows.getFirst()).startsWith("Event", "Event time (UTC)", "Business step");
        assertThat(rows).hasSize((int) written + 1);
        assertThat(written).isEqualTo(reports.count(filter)).isGreaterThanOrEqualTo(20 + 20 + 5 + 5 + 2 + 1 + 1 + 10);
        // the diverted phone's shipment to the US distributor, with names and references
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get(2)).isEqualTo("shipping");
            assertThat(r.get(3)).isEqualTo("in_transit");
            assertThat(r.get(7)).isEqualTo("DIST-DE");
            assertThat(r.get(9)).isEqualTo("DIST-US");
            assertThat(r.get(10)).isEqualTo("Lone Star Supply Inc.");
            assertThat(r.get(12)).isEqualTo("DEMO-SH-003");
            assertThat(r.get(13)).contains("po=PO-US-19");
        });
        assertThat(rows).anySatisfy(r -> assertThat(r.get(2)).isEqualTo("retail_selling"));

        var onlyUs = reports.filter(null, null, "DIST-US", null, null);
        var out2 = new ByteArrayOutputStream();
        reports.write(onlyUs, ReportFormat.XLSX, out2, n -> { });
        assertThat(rows(out2.toByteArray()).subList(1, rows(out2.toByteArray()).size()))
                .allSatisfy(r -> assertThat(List.of(r.get(7), r.get(9))).contains("DIST-US"));
    }

    @Test
    void theEpcisReportIsAnEpcisDocumentWithObjectEventsAndDigitalLinkEpcs() throws Exception {
        var filter = reports.filter(null, "A2611", null, null, null);
        var out = new ByteArrayOutputStream();
        reports.write(filter, ReportFormat.EPCIS, out, n -> { });
        // kept for a check with an independent validator (npm epcis2.js, see the README section "Custody chain and channel management")
        Files.write(java.nio.file.Path.of("target/custody-report-sample.jsonld"), out.toByteArray());
        JsonNode doc = JsonMapper.builder().build().readTree(out.toByteArray());
        assertThat(doc.get("@context").get(0).asString()).isEqualTo("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
        assertThat(doc.get("type").asString()).isEqualTo("EPCISDocument");
        assertThat(doc.get("schemaVersion").asString()).isEqualTo("2.0");
        var events = doc.get("epcisBody").get("eventList");
        assertThat(events.size()).isGreaterThanOrEqualTo(7);
        var shipping = new ArrayList<JsonNode>();
        events.forEach(e -> {
            assertThat(e.get("type").asString()).isEqualTo("ObjectEvent");
            assertThat(e.get("action").asString()).isEqualTo("OBSERVE");
            e.get("epcList").forEach(epc -> assertThat(epc.asString()).matches("https://id\\.gs1\\.org/01/09506000134352/21/[0-9A-Z]{20}"));
            if (e.get("bizStep").asString().equals("shipping")) {
                shipping.add(e);
            }
        });
        assertThat(shipping).anySatisfy(e -> {
            assertThat(e.get("sourceList").get(0).get("source").asString()).isEqualTo("urn:serial-registry:party:DIST-DE");
            assertThat(e.get("destinationList").get(0).get("destination").asString()).isEqualTo("urn:serial-registry:party:DIST-US");
            assertThat(e.get("bizTransactionList").toString()).contains("desadv").contains("DEMO-SH-003");
            assertThat(e.get("epcList").size()).isEqualTo(1);
        });
    }

    @Test
    void theAdminGeneratesTheReportInTheBackgroundAndDownloadsIt() throws Exception {
        navigate("admin/custody-report", Component.class);
        $(TextField.class).withCaption("Lot").single().setValue("A2611");
        $(Button.class).withText("Generate report").single().click();
        var job = org.serialregistry.reporting.ui.CustodyReportViewAccess.job(getCurrentView());
        assertThat(job.finished().get(60, TimeUnit.SECONDS)).isEqualTo(job.total());
        org.serialregistry.reporting.ui.CustodyReportViewAccess.finish(getCurrentView(), job);

        assertThat($(Anchor.class).withText("Download custody-report.xlsx").exists()).isTrue();
        var rows = rows(Files.readAllBytes(job.file()));
        assertThat(rows).hasSize((int) job.total() + 1);
        assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r.get(6)).isEqualTo("A2611"));
    }

    @Test
    void theReportApiStreamsExcelAndEpcisToAdminKeysOnly() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/v1/reports/custody").param("format", "xlsx").param("lot", "A2611")
                        .header("Authorization", ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(rows(xlsx).size()).isGreaterThan(50);

        mvc.perform(get("/api/v1/reports/custody").param("format", "epcis").param("party", "DIST-US")
                        .header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("EPCISDocument"));

        mvc.perform(get("/api/v1/reports/custody").param("from", "yesterday").header("Authorization", ADMIN))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/v1/reports/custody").param("party", "NOBODY").header("Authorization", ADMIN))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("party"));
        mvc.perform(get("/api/v1/reports/custody").header("Authorization", DISTRIBUTOR))
                .andExpect(status().isForbidden());
    }
}

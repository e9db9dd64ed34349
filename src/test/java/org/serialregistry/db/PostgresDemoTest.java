package org.serialregistry.db;

import java.io.ByteArrayInputStream;
import java.time.Duration;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.quality.QualityDashboard;
import org.serialregistry.security.Role;
import org.serialregistry.security.SystemIdentity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole demo seeded on PostgreSQL (profile postgres, demo asked for): every module's seeder runs
 * its real services against the production database, and the stories read back through the API. The
 * other tests run on H2; this one catches SQL that only H2 accepts.
 */
@SpringBootTest(properties = "serial-registry.demo.enabled=true")
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
@DirtiesContext
class PostgresDemoTest {

    static final String ADMIN = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresServer.useFreshDatabase("demo_data", registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    QualityDashboard dashboard;
    @Autowired
    org.serialregistry.verification.ScanLog scanLog;

    @Test
    void theDemoRunsOnPostgresqlFromVerificationToCustodyWarrantyAndQuality() throws Exception {
        // a genuine unit verified through the public route; its scan goes into the log through COPY
        String active = "select u.gtin, u.serial from unit u left join unit_status s on s.serial = u.serial "
                + "where s.serial is null or s.status = 'ACTIVE' order by u.serial fetch first 1 rows only";
        await().atMost(Duration.ofSeconds(30)).until(() -> !jdbc.queryForList(active).isEmpty());
        var unit = jdbc.queryForMap(active);
        String serial = (String) unit.get("serial");
        mvc.perform(get("/01/" + unit.get("gtin") + "/21/" + serial).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.verified").value(true))
                .andExpect(jsonPath("$.verdict").value("GENUINE"));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from scan_record where unit_serial = ?", Long.class, serial) == 1);
        // ... and reads back through the scan log's row mapping (UUID, timestamp, enums, nullable numbers)
        var scans = new java.util.ArrayList<org.serialregistry.verification.UnitScanned>();
        SystemIdentity.runAs("forensics", () -> scans.addAll(scanLog.find(
                new org.serialregistry.verification.ScanFilter(serial, null, null, null, null), 0, 10)), Role.FORENSICS);
        assertThat(scans).singleElement().satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(org.serialregistry.verification.ScanOutcome.GENUINE);
            assertThat(s.at()).isBefore(java.time.Instant.now().plusSeconds(1));
            assertThat(s.scanId()).isNotNull();
            assertThat(s.latitude()).isNull();
        });

        // the lifecycle log's hash chain holds over everything the seeders recorded
        mvc.perform(get("/api/v1/lifecycle/chain-check").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true));

        // custody: the demo diversion names the distributor that let the phone out of Germany
        mvc.perform(get("/api/v1/diversion-alerts").param("status", "ALL").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.shipmentNumber == 'DEMO-SH-003')].lastLegitimateHolder").value(hasItem("DIST-DE")));
        var report = mvc.perform(get("/api/v1/reports/custody").param("format", "xlsx").param("party", "DIST-DE")
                        .header("Authorization", ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(report))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).as("custody rows for DIST-DE").isPositive();
            var text = new DataFormatter();
            var cells = new java.util.ArrayList<String>();
            sheet.getRow(1).forEach(c -> cells.add(text.formatCellValue(c)));
            assertThat(cells).anyMatch(c -> c.contains("DIST-DE"));
        }

        // warranty and quality: the demo claims were adjudicated, and lot A2611 stands out
        assertThat(jdbc.queryForObject("select count(*) from warranty_claim where rma_number is not null", Long.class))
                .isPositive();
        var rates = new java.util.ArrayList<org.serialregistry.quality.LotClaimRate>();
        SystemIdentity.runAs("quality", () -> rates.addAll(dashboard.lotRates()), Role.QUALITY);
        assertThat(rates).filteredOn(r -> r.lot().equals("A2611")).singleElement()
                .satisfies(r -> assertThat(r.aboveThreshold()).isTrue());

        // EPCIS: the demo shipments are events the distributor's key queries; a GS1 example document is captured;
        // the audit trail's filters page on PostgreSQL
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from epcis_event where biz_step = 'shipping'", Long.class) >= 3);
        mvc.perform(get("/epcis/events").param("EQ_bizStep", "shipping").param("perPage", "1")
                        .param("GE_eventTime", "2000-01-01T00:00:00Z")
                        .header("Authorization", "Bearer sr_demodist_DistributorDemoKeyNotForProduction"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().exists("Link"))
                .andExpect(jsonPath("$.epcisBody.queryResults.resultsBody.eventList[0].bizStep").value("shipping"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/epcis/capture")
                        .header("Authorization", ADMIN).contentType("application/ld+json")
                        .content(java.nio.file.Files.readString(java.nio.file.Path.of(
                                "src/test/resources/epcis/gs1-examples/Example_9.6.3-AggregationEvent.jsonld"))))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.success").value(true));
        mvc.perform(get("/api/v1/audit").param("entity", "epcis-capture").param("from", "2000-01-01").param("size", "5")
                        .header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].action").value("epcis.captured"));
    }
}

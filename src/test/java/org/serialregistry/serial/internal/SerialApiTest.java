package org.serialregistry.serial.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.jayway.jsonpath.JsonPath;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** An ERP system issues serials through the API, reads the batch back, exports it and fetches labels. */
@IntegrationTest
class SerialApiTest {

    static final String PRODUCTION_KEY = "Bearer sr_demoprod_ProductionDemoKeyNotForProduction";
    static final String QUALITY_KEY = "Bearer sr_demoqual_QualityDemoKeyNotForProduction";
    static final String PHONE = "09506000134352";
    static final String BASE = "http://localhost:8080";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    static String body(String lot, int quantity) {
        return body(PHONE, lot, "DE-MUC", "L1", String.valueOf(quantity), "DE");
    }

    static String body(String gtin, String lot, String facility, String line, String quantity, String market) {
        return """
                {"gtin": "%s", "lot": "%s", "facility": "%s", "line": "%s", "quantity": %s,
                 "productionDate": "%s", "intendedMarket": "%s"}""".formatted(gtin, lot, facility, line, quantity,
                LocalDate.now().minusDays(1), market);
    }

    MockHttpServletRequestBuilder issue(String key, String json) {
        var request = post("/api/v1/serial-batches").header("Authorization", PRODUCTION_KEY)
                .contentType(MediaType.APPLICATION_JSON).content(json);
        return key == null ? request : request.header("Idempotency-Key", key);
    }

    long batches() {
        return jdbc.queryForObject("select count(*) from serial_batch", Long.class);
    }

    @Test
    void anErpIssuesASmallBatchAndGetsItsSerialsWithDigitalLinksAtOnce() throws Exception {
        var result = mvc.perform(issue("erp-" + UUID.randomUUID(), body("API120", 120)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/serial-batches/")))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.issuedCount").value(120))
                .andExpect(jsonPath("$.serials.length()").value(120))
                .andReturn();
        String id = JsonPath.read(json(result), "$.id");
        String first = JsonPath.read(json(result), "$.serials[0].serial");
        assertThat((String) JsonPath.read(json(result), "$.serials[0].digitalLink"))
                .isEqualTo(BASE + "/01/" + PHONE + "/10/API120/21/" + first);

        mvc.perform(get("/api/v1/serial-batches/" + id).header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.progress").value(1.0))
                .andExpect(jsonPath("$.facility").value("DE-MUC"));
        mvc.perform(get("/api/v1/serial-batches/" + id + "/serials?page=2&size=50").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(120))
                .andExpect(jsonPath("$.totalPages").value(3))
                .andExpect(jsonPath("$.items.length()").value(20));
    }

    @Test
    void repeatingARequestWithItsKeyAnswersTheSameBatchAndADifferentBodyIsAConflict() throws Exception {
        String key = "erp-order-" + UUID.randomUUID();
        var first = mvc.perform(issue(key, body("APIREP", 30))).andExpect(status().isCreated()).andReturn();
        String id = JsonPath.read(json(first), "$.id");

        mvc.perform(issue(key, body("APIREP", 30)))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.serials.length()").value(30))
                .andExpect(jsonPath("$.serials[0].serial").value((String) JsonPath.read(json(first), "$.serials[0].serial")));
        mvc.perform(issue(key, body("APIREP", 31)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("Idempotency-Key"))
                .andExpect(jsonPath("$.batchId").value(id));
        assertThat(jdbc.queryForObject("select count(*) from serial_batch where idempotency_key = ?", Long.class, key))
                .isEqualTo(1L);
    }

    @Test
    void withoutAnIdempotencyKeyNothingIsIssued() throws Exception {
        long before = batches();
        mvc.perform(issue(null, body("APINOKEY", 5)))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("application/problem+json")))
                .andExpect(jsonPath("$.field").value("Idempotency-Key"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Idempotency-Key")));
        mvc.perform(issue("  ", body("APINOKEY", 5)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("Idempotency-Key"));
        assertThat(batches()).isEqualTo(before);
    }

    @Test
    void badInputIsA400ProblemNamingTheFieldAndNothingIsWritten() throws Exception {
        long before = batches();
        var cases = List.of(
                new String[]{body("09506000134353", "APIBAD", "DE-MUC", "L1", "5", "DE"), "gtin"},
                new String[]{body("0950600013435", "APIBAD", "DE-MUC", "L1", "5", "DE"), "gtin"},
                new String[]{body(PHONE, "APIBAD", "XX-NOPE", "L1", "5", "DE"), "facility"},
                new String[]{body(PHONE, "APIBAD", "DE-MUC", "L9", "5", "DE"), "line"},
                new String[]{body(PHONE, "APIBAD", "DE-MUC", "L1", "0", "DE"), "quantity"},
                new String[]{body(PHONE, "APIBAD", "DE-MUC", "L1", "1000001", "DE"), "quantity"},
                new String[]{body(PHONE, "APIBAD", "DE-MUC", "L1", "\"many\"", "DE"), "quantity"},
                new String[]{body(PHONE, "lot-7", "DE-MUC", "L1", "5", "DE"), "lot"},
                new String[]{body(PHONE, "LOT_WITH_UNDERSCORES", "DE-MUC", "L1", "5", "DE"), "lot"},
                new String[]{body(PHONE, "APIBAD", "DE-MUC", "L1", "5", "US"), "intendedMarket"},
                new String[]{"{\"gtin\": \"" + PHONE + "\", \"lot\": \"APIBAD\", \"facility\": \"DE-MUC\", \"line\": \"L1\", "
                        + "\"quantity\": 5, \"intendedMarket\": \"DE\", \"productionDate\": \"yesterday\"}", "productionDate"},
                new String[]{"{\"gtin\": \"" + PHONE + "\", \"lot\": \"APIBAD\"", null},
                new String[]{"{\"gtin\": \"" + PHONE + "\", \"lot\": \"APIBAD\", \"facility\": \"DE-MUC\", \"line\": \"L1\", "
                        + "\"intendedMarket\": \"DE\"}", "quantity"});
        for (String[] c : cases) {
            var result = mvc.perform(issue("bad-" + UUID.randomUUID(), c[0])).andReturn();
            assertThat(result.getResponse().getStatus()).as(c[0]).isEqualTo(400);
            assertThat(result.getResponse().getContentType()).as(c[0]).contains("application/problem+json");
            if (c[1] != null) {
                assertThat((String) JsonPath.read(json(result), "$.field")).as(c[0]).isEqualTo(c[1]);
            } else {
                assertThat((String) JsonPath.read(json(result), "$.detail")).contains("not valid JSON");
            }
        }
        assertThat(batches()).isEqualTo(before);
    }

    @Test
    void onlyProductionAndAdminKeysIssueSerials() throws Exception {
        long before = batches();
        mvc.perform(post("/api/v1/serial-batches").header("Authorization", QUALITY_KEY).header("Idempotency-Key", "q-1")
                        .contentType(MediaType.APPLICATION_JSON).content(body("APIQ", 5)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/serial-batches").header("Idempotency-Key", "anon-1")
                        .contentType(MediaType.APPLICATION_JSON).content(body("APIQ", 5)))
                .andExpect(status().isUnauthorized());
        assertThat(batches()).isEqualTo(before);
    }

    @Test
    void aLargeBatchIsAcceptedThenExportedAsCsvAndExcelWithTheSameSerials() throws Exception {
        var accepted = mvc.perform(issue("erp-big-" + UUID.randomUUID(), body("APIBIG", 10_001)))
                .andExpect(status().isAccepted())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.serials").doesNotExist())
                .andReturn();
        String location = accepted.getResponse().getHeader("Location");
        String status = JsonPath.read(json(accepted), "$.status");
        assertThat(status).isIn("QUEUED", "RUNNING");
        status = await().pollInSameThread().atMost(java.time.Duration.ofSeconds(120)).until(() -> JsonPath.<String>read(json(
                        mvc.perform(get(location).header("Authorization", PRODUCTION_KEY)).andReturn()), "$.status"),
                s -> s.equals("COMPLETED") || s.equals("FAILED"));
        assertThat(status).isEqualTo("COMPLETED");

        var csv = mvc.perform(get(location + "/serials?format=csv").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString(".csv")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        var lines = csv.split("\r\n");
        assertThat(lines).hasSize(10_002);
        assertThat(lines[0]).isEqualTo("serial,digital_link");
        String firstSerial = lines[1].split(",")[0];
        assertThat(lines[1]).isEqualTo(firstSerial + "," + BASE + "/01/" + PHONE + "/10/APIBIG/21/" + firstSerial);

        byte[] xlsx = mvc.perform(get(location + "/serials?format=xlsx").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheet("Serials");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Serial");
            assertThat(sheet.getLastRowNum()).isEqualTo(10_001);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(firstSerial);
            assertThat(sheet.getRow(10_001).getCell(1).getStringCellValue())
                    .isEqualTo(lines[10_001].split(",")[1]);
        }
        mvc.perform(get(location + "/serials?format=pdf").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("format"));
    }

    @Test
    void aUnitIsReadBackWithItsHistoryAndItsLabelsScanToItsDigitalLink() throws Exception {
        var result = mvc.perform(issue("erp-" + UUID.randomUUID(), body("APILBL", 3))).andReturn();
        String serial = JsonPath.read(json(result), "$.serials[1].serial");
        String link = JsonPath.read(json(result), "$.serials[1].digitalLink");

        mvc.perform(get("/api/v1/serials/" + serial).header("Authorization", QUALITY_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.gtin").value(PHONE))
                .andExpect(jsonPath("$.lot").value("APILBL"))
                .andExpect(jsonPath("$.line").value("L1"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.digitalLink").value(link))
                .andExpect(jsonPath("$.history[0].bizStep").value("COMMISSIONING"))
                .andExpect(jsonPath("$.history[0].epcCount").value(3));

        byte[] png = mvc.perform(get("/api/v1/serials/" + serial + "/label.png").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/png"))
                .andReturn().getResponse().getContentAsByteArray();
        var qr = decode(png, BarcodeFormat.QR_CODE);
        assertThat(qr).isEqualTo("http://localhost:8080/01/" + PHONE + "/10/APILBL/21/" + serial);

        byte[] dm = mvc.perform(get("/api/v1/serials/" + serial + "/label.png?symbology=datamatrix")
                        .header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(decode(dm, BarcodeFormat.DATA_MATRIX)).endsWith("01" + PHONE + "21" + serial);

        mvc.perform(get("/api/v1/serials/" + serial + "/label.svg").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("image/svg+xml")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.startsWith("<svg"),
                                org.hamcrest.Matchers.containsString(serial))));
    }

    @Test
    void unknownAndMalformedSerialsAreProblemsNotErrors() throws Exception {
        mvc.perform(get("/api/v1/serials/0ZZZZZZZZZZZZZZZZZZZ").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/serials/0ZZZZZZZZZZZZZZZZZZZ/label.png").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/serials/abc-123").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("serial"));
        mvc.perform(get("/api/v1/serial-batches/" + UUID.randomUUID()).header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/serial-batches/not-a-uuid").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("id"));
    }

    @Test
    void productionChecksTheEventChainAndChannelManagersMayNot() throws Exception {
        mvc.perform(get("/api/v1/lifecycle/chain-check").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.eventsChecked").value(org.hamcrest.Matchers.greaterThan(0)));
        mvc.perform(get("/api/v1/lifecycle/chain-check").header("Authorization", "Bearer sr_demochan_ChannelDemoKeyNotForProduction"))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAdministratorExportsACheckpointAndLaterChecksBothChainsAgainstItWhileProductionMayNotExport() throws Exception {
        String admin = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";
        mvc.perform(post("/api/v1/checkpoints").header("Authorization", admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.chain == 'lifecycle')].algorithm").value("Ed25519"));
        String kept = mvc.perform(get("/api/v1/checkpoints/lifecycle/latest").header("Authorization", admin))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/v1/lifecycle/chain-check").header("Authorization", PRODUCTION_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(kept))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.checkpointSequence").isNumber());
        mvc.perform(post("/api/v1/lifecycle/chain-check").header("Authorization", PRODUCTION_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(kept.replace("\"sequence\":", "\"sequence\":1")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/audit/chain-check").header("Authorization", admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true));
        mvc.perform(get("/api/v1/checkpoints/lifecycle/latest").header("Authorization", PRODUCTION_KEY))
                .andExpect(status().isForbidden());
    }

    @Test
    void theApiIsDocumentedAsOpenApiWithSwaggerUi() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/serial-batches'].post.parameters[0].name").value("Idempotency-Key"))
                .andExpect(jsonPath("$.paths['/api/v1/serial-batches/{id}/serials'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/serials/{serial}/label.png'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/lifecycle/chain-check'].get").exists());
        int swagger = mvc.perform(get("/swagger-ui.html")).andReturn().getResponse().getStatus();
        assertThat(swagger).isIn(200, 302);
    }

    private static String json(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static String decode(byte[] png, BarcodeFormat format) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        var hints = new java.util.EnumMap<DecodeHintType, Object>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(format));
        hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                hints).getText();
    }
}

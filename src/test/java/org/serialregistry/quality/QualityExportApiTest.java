package org.serialregistry.quality;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A quality engineer's reporting tool downloads the tables the quality screen exports to Excel (the
 * claim rate per lot, the alerts, the claims per week, the claim rate per line, facility, product and
 * defect code), as CSV or as a workbook, with the same rows the JSON lists give.
 */
@IntegrationTest
class QualityExportApiTest extends DemoApi {

    @Test
    void theLotRatesComeAsCsvAndAsAWorkbookWithEveryLotOfTheList() throws Exception {
        var list = json.readTree(mvc.perform(get("/api/v1/quality/lot-rates").param("size", "500")
                .header("Authorization", QUALITY)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        long lots = list.get("total").asLong();
        assertThat(lots).as("the demo data has lots with claims").isPositive();
        var first = list.get("items").get(0);

        byte[] csv = mvc.perform(get("/api/v1/quality/lot-rates/export").param("format", "csv").header("Authorization", QUALITY))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/csv")))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("claim-rate-per-lot.csv")))
                .andReturn().getResponse().getContentAsByteArray();
        List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("\uFEFFProduct,GTIN,Lot,Facility,Line,Units,Claims,Claim rate %,Threshold %,"
                + "Above threshold,Top defect");
        assertThat(lines).hasSize((int) lots + 1);
        assertThat(lines.get(1)).contains(first.get("gtin").asString() + "," + first.get("lot").asString() + ","
                + first.get("facilityCode").asString());

        byte[] xlsx = mvc.perform(get("/api/v1/quality/lot-rates/export").param("format", "XLSX").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("spreadsheetml")))
                .andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Lot");
            assertThat(sheet.getLastRowNum()).isEqualTo((int) lots);
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo(first.get("lot").asString());
        }
    }

    tools.jackson.databind.JsonNode list(String path, String... params) throws Exception {
        var request = get(path).param("size", "500").header("Authorization", QUALITY);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return json.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    XSSFWorkbook workbook(String path, String filename, String... params) throws Exception {
        var request = get(path).param("format", "xlsx").header("Authorization", QUALITY);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        byte[] xlsx = mvc.perform(request)
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("spreadsheetml")))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString(filename)))
                .andReturn().getResponse().getContentAsByteArray();
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    static List<String> texts(org.apache.poi.ss.usermodel.Row row) {
        var format = new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT);
        var cells = new java.util.ArrayList<String>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            cells.add(format.formatCellValue(row.getCell(c)));
        }
        return cells;
    }

    @Test
    void theAlertsComeAsTheScreensWorkbookAndAsCsvWithEveryAlertOfTheList() throws Exception {
        var alerts = list("/api/v1/quality/alerts");
        int total = alerts.get("total").asInt();
        assertThat(total).as("the demo data raises alerts (lot A2611)").isPositive();

        try (var workbook = workbook("/api/v1/quality/alerts/export", "quality-alerts.xlsx")) {
            var sheet = workbook.getSheetAt(0);
            assertThat(texts(sheet.getRow(0))).containsExactly("GTIN", "Lot", "Facility", "Line", "Claims", "Units",
                    "Rate %", "Threshold %", "Top defect", "Raised", "Acknowledged by", "Notes");
            assertThat(sheet.getLastRowNum()).isEqualTo(total);
            var lots = new java.util.HashMap<String, org.apache.poi.ss.usermodel.Row>();
            for (int r = 1; r <= total; r++) {
                lots.put(sheet.getRow(r).getCell(0).getStringCellValue() + "/" + sheet.getRow(r).getCell(1).getStringCellValue(),
                        sheet.getRow(r));
            }
            for (var alert : alerts.get("items")) {
                var row = lots.get(alert.get("gtin").asString() + "/" + alert.get("lot").asString());
                assertThat(row).as("alert of lot " + alert.get("lot").asString()).isNotNull();
                assertThat(row.getCell(2).getStringCellValue()).isEqualTo(alert.get("facilityCode").asString());
                assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(alert.get("claims").asDouble());
                assertThat(row.getCell(6).getNumericCellValue()).isEqualTo(alert.get("claimRatePercent").asDouble());
            }
        }
        byte[] csv = mvc.perform(get("/api/v1/quality/alerts/export").param("format", "csv").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/csv")))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("quality-alerts.csv")))
                .andReturn().getResponse().getContentAsByteArray();
        var lines = new String(csv, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("\uFEFFGTIN,Lot,Facility,Line,Claims,Units,Rate %,Threshold %,Top defect,"
                + "Raised,Acknowledged by,Notes");
        assertThat(lines).hasSize(total + 1);
    }

    @Test
    void theClaimsPerWeekComeAsTheScreensTwelveWeeksOrTheWeeksAsked() throws Exception {
        var weeks = list("/api/v1/quality/claims-per-week");
        assertThat(weeks.get("items").size()).as("the screen's 12 weeks").isEqualTo(12);
        var monday = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        assertThat(weeks.get("items").get(11).get("weekFrom").asString()).isEqualTo(monday.toString());
        long counted = 0;
        for (var w : weeks.get("items")) {
            counted += w.get("claims").asLong();
        }
        assertThat(counted).as("the demo claims failed within the last weeks").isPositive();

        try (var workbook = workbook("/api/v1/quality/claims-per-week/export", "claims-per-week.xlsx")) {
            var sheet = workbook.getSheetAt(0);
            assertThat(texts(sheet.getRow(0))).containsExactly("Week from", "Claims");
            assertThat(sheet.getLastRowNum()).isEqualTo(12);
            for (int r = 1; r <= 12; r++) {
                var week = weeks.get("items").get(r - 1);
                assertThat(sheet.getRow(r).getCell(0).getStringCellValue()).isEqualTo(week.get("weekFrom").asString());
                assertThat(sheet.getRow(r).getCell(1).getNumericCellValue()).isEqualTo(week.get("claims").asDouble());
            }
        }
        try (var workbook = workbook("/api/v1/quality/claims-per-week/export", "claims-per-week.xlsx", "weeks", "52")) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(52);
        }
        mvc.perform(get("/api/v1/quality/claims-per-week/export").param("weeks", "0").header("Authorization", QUALITY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("weeks"));
    }

    @Test
    void theClaimRatePerLineFacilityProductAndDefectComeAsTheScreensWorkbooks() throws Exception {
        for (var dimension : List.of("LINE", "FACILITY", "PRODUCT", "DEFECT")) {
            var rates = list("/api/v1/quality/rates", "dimension", dimension);
            int total = rates.get("total").asInt();
            assertThat(total).as(dimension).isPositive();
            String label = RateDimension.valueOf(dimension).label();
            try (var workbook = workbook("/api/v1/quality/rates/export",
                    "claim-rate-per-" + dimension.toLowerCase(java.util.Locale.ROOT) + ".xlsx", "dimension", dimension)) {
                var sheet = workbook.getSheetAt(0);
                assertThat(texts(sheet.getRow(0))).as(dimension).containsExactly(label, "Units", "Claims", "Claim rate %");
                assertThat(sheet.getLastRowNum()).as(dimension).isEqualTo(total);
                for (int r = 1; r <= total; r++) {
                    var rate = rates.get("items").get(r - 1);
                    assertThat(sheet.getRow(r).getCell(0).getStringCellValue()).isEqualTo(rate.get("group").asString());
                    assertThat(sheet.getRow(r).getCell(2).getNumericCellValue()).isEqualTo(rate.get("claims").asDouble());
                    assertThat(sheet.getRow(r).getCell(3).getNumericCellValue()).isEqualTo(rate.get("ratePercent").asDouble());
                }
            }
        }
        var lines = new String(mvc.perform(get("/api/v1/quality/rates/export").param("dimension", "facility")
                        .header("Authorization", QUALITY)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("\uFEFFFacility,Units,Claims,Claim rate %");
        // the claim rate per lot has its own table (the lot-rates export): the screen exports no other per-lot table
        mvc.perform(get("/api/v1/quality/rates/export").param("dimension", "LOT").header("Authorization", QUALITY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("dimension"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("lot-rates/export")));
        mvc.perform(get("/api/v1/quality/rates/export").header("Authorization", QUALITY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("dimension"));
    }

    @Test
    void theThresholdsAndTheClaimsOfALotComeAsTheScreensWorkbooks() throws Exception {
        var thresholds = list("/api/v1/quality/thresholds");
        try (var workbook = workbook("/api/v1/quality/thresholds/export", "claim-rate-thresholds.xlsx")) {
            var sheet = workbook.getSheetAt(0);
            assertThat(texts(sheet.getRow(0))).containsExactly("Product", "GTIN", "Max claim rate %", "Min claims",
                    "Own threshold");
            assertThat(sheet.getLastRowNum()).isEqualTo(thresholds.get("total").asInt());
        }

        var lot = list("/api/v1/quality/lot-rates").get("items").valueStream()
                .filter(r -> r.get("lot").asString().equals("A2611")).findFirst().orElseThrow();
        try (var workbook = workbook("/api/v1/quality/claims/export", "claims.xlsx", "gtin", lot.get("gtin").asString(),
                "lot", "A2611")) {
            var sheet = workbook.getSheetAt(0);
            assertThat(texts(sheet.getRow(0))).containsExactly("Claim", "State", "Product GTIN", "Lot", "Facility", "Line",
                    "Serial", "Made", "Defect", "Failure date", "Description");
            assertThat(sheet.getLastRowNum()).as("every claim of the lot, denied ones too")
                    .isGreaterThanOrEqualTo(lot.get("claims").asInt());
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                assertThat(sheet.getRow(r).getCell(3).getStringCellValue()).isEqualTo("A2611");
                assertThat(sheet.getRow(r).getCell(0).getStringCellValue()).startsWith("WC-");
            }
        }
        mvc.perform(get("/api/v1/quality/claims/export").param("defect", "TOASTED").header("Authorization", QUALITY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("defect"));
    }

    @Test
    void anUnknownFormatIsNamedAndOtherWorkspacesAreRefused() throws Exception {
        for (var path : List.of("/api/v1/quality/alerts/export", "/api/v1/quality/claims-per-week/export")) {
            mvc.perform(get(path).param("format", "pdf").header("Authorization", QUALITY))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("format"));
            mvc.perform(get(path).header("Authorization", WARRANTY)).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/v1/quality/rates/export").param("dimension", "LINE").param("format", "pdf")
                        .header("Authorization", QUALITY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("format"));
        mvc.perform(get("/api/v1/quality/rates/export").param("dimension", "LINE").header("Authorization", SERVICE))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/quality/claims-per-week").header("Authorization", WARRANTY))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/quality/lot-rates/export").param("format", "pdf").header("Authorization", QUALITY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("format"));
        mvc.perform(get("/api/v1/quality/lot-rates/export").header("Authorization", WARRANTY))
                .andExpect(status().isForbidden());
    }
}

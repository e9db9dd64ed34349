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
 * A quality engineer's reporting tool downloads the claim rate per lot, the table the quality screen
 * exports to Excel, as CSV or as a workbook, with the same lots the JSON list gives.
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

    @Test
    void anUnknownFormatIsNamedAndOtherWorkspacesAreRefused() throws Exception {
        mvc.perform(get("/api/v1/quality/lot-rates/export").param("format", "pdf").header("Authorization", QUALITY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("format"));
        mvc.perform(get("/api/v1/quality/lot-rates/export").header("Authorization", WARRANTY))
                .andExpect(status().isForbidden());
    }
}

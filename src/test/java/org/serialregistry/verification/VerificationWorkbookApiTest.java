package org.serialregistry.verification;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.internal.SerialCodec;
import org.serialregistry.verification.internal.VerificationWorkbook;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A distributor's warehouse system uploads the sheet of received codes that the portal's "Verify a
 * shipment" screen takes, and gets the same answer per code: as the batch verification's JSON (each
 * result with its sheet row) or as the portal's result workbook; a file the screen refuses is refused
 * with the same words.
 */
@IntegrationTest
class VerificationWorkbookApiTest extends DemoApi {

    static final String PATH = "/api/v1/verifications/workbook";

    @Autowired
    SerialIssuance issuance;
    @Autowired
    SerialCodec codec;
    DemoCodes codes;

    @BeforeEach
    void demoCodes() {
        codes = DemoCodes.from(issuance, codec);
    }

    /** A sheet headed GTIN | Serial; a null row is left empty (as a gap in a scanner's sheet). */
    static byte[] sheet(String[]... rows) throws Exception {
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Received");
            var head = sheet.createRow(0);
            head.createCell(0).setCellValue("GTIN");
            head.createCell(1).setCellValue("Serial");
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] != null) {
                    var row = sheet.createRow(i + 1);
                    row.createCell(0).setCellValue(rows[i][0]);
                    row.createCell(1).setCellValue(rows[i][1]);
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    MockMultipartFile file(String name, byte[] content) {
        return new MockMultipartFile("file", name, VerificationWorkbook.CONTENT_TYPE, content);
    }

    byte[] shipment() throws Exception {
        return sheet(new String[]{DemoCodes.PHONE, codes.genuinePhone()}, new String[]{"9506000134352", codes.destroyedPhone()},
                new String[]{DemoCodes.PHONE, codes.forgedPhone()}, null, new String[]{"", codes.stolenPhone()},
                new String[]{DemoCodes.PHONE, "not-a-serial"});
    }

    @Test
    void eachCodeOfTheSheetGetsThePortalsAnswerWithItsSheetRow() throws Exception {
        mvc.perform(multipart(PATH).file(file("shipment-77.xlsx", shipment())).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(5))
                .andExpect(jsonPath("$.summary.GENUINE").value(1))
                .andExpect(jsonPath("$.results[*].row").value(org.hamcrest.Matchers.contains(2, 3, 4, 6, 7)))
                .andExpect(jsonPath("$.results[0].index").value(0))
                .andExpect(jsonPath("$.results[0].answer.verdict").value("GENUINE"))
                .andExpect(jsonPath("$.results[1].gtin").value(DemoCodes.PHONE))
                .andExpect(jsonPath("$.results[1].answer.verdict").value("GENUINE_WITH_WARNING"))
                .andExpect(jsonPath("$.results[2].answer.verdict").value("NOT_GENUINE"))
                .andExpect(jsonPath("$.results[2].answer.verificationFailureReason").value("No_match_GTIN_Serial"))
                .andExpect(jsonPath("$.results[3].gtin").value(DemoCodes.PHONE))
                .andExpect(jsonPath("$.results[3].answer.status").value("STOLEN"))
                .andExpect(jsonPath("$.results[4].answer.verdict").value("INVALID"))
                .andExpect(jsonPath("$.results[4].answer.message").value(containsString("serial number may contain only A-Z")));
        // logged as the account's API scans, as the screen's and the JSON batch's checks are
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from scan_record where serial = ? and user_agent_class = 'api'", Integer.class,
                codes.destroyedPhone()) >= 1);
    }

    @Test
    void theResultWorkbookIsThePortalsDownload() throws Exception {
        byte[] xlsx = mvc.perform(multipart(PATH).file(file("shipment 77.xlsx", shipment())).param("format", "xlsx")
                        .header("Authorization", DISTRIBUTOR))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("spreadsheetml")))
                .andExpect(header().string("Content-Disposition", containsString("shipment_77-verified-")))
                .andReturn().getResponse().getContentAsByteArray();
        try (var result = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = result.getSheet("Verification");
            var f = new DataFormatter();
            assertThat(f.formatCellValue(sheet.getRow(0).getCell(5))).isEqualTo("Verdict");
            assertThat(sheet.getLastRowNum()).isEqualTo(5);
            assertThat(f.formatCellValue(sheet.getRow(1).getCell(5))).isEqualTo("GENUINE");
            assertThat(f.formatCellValue(sheet.getRow(1).getCell(9))).isEqualTo("Aurora X2 smartphone");
            assertThat(f.formatCellValue(sheet.getRow(2).getCell(1))).as("GTIN-13 padded").isEqualTo(DemoCodes.PHONE);
            assertThat(f.formatCellValue(sheet.getRow(3).getCell(6))).isEqualTo("No_match_GTIN_Serial");
            assertThat(f.formatCellValue(sheet.getRow(4).getCell(8))).isEqualTo("STOLEN");
            assertThat(f.formatCellValue(sheet.getRow(5).getCell(5))).isEqualTo("INVALID");
            assertThat(result.getSheet("Summary")).isNotNull();
        }
    }

    @Test
    void aFileTheScreenRefusesIsRefusedWithTheSameWords() throws Exception {
        mvc.perform(multipart(PATH).file(file("notes.xlsx", "hello".getBytes())).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.detail").value("file: not an Excel workbook (.xlsx) that can be read"));
        mvc.perform(multipart(PATH).file(file("empty.xlsx", sheet())).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.detail").value(containsString("no serials found")));
        var many = new String[BatchVerification.MAX_ITEMS + 1][];
        for (int i = 0; i < many.length; i++) {
            many[i] = new String[]{DemoCodes.PHONE, "ZZ" + i};
        }
        mvc.perform(multipart(PATH).file(file("many.xlsx", sheet(many))).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.detail").value(containsString("at most 10000 codes")));
        mvc.perform(multipart(PATH).file(file("big.xlsx", new byte[VerificationWorkbook.MAX_BYTES + 1]))
                        .header("Authorization", DISTRIBUTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.detail").value(containsString("at most 10 MB")));
        mvc.perform(multipart(PATH).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"));
        mvc.perform(multipart(PATH).file(file("shipment.xlsx", shipment())).param("format", "pdf")
                        .header("Authorization", DISTRIBUTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("format"));
    }

    @Test
    void theRolesOfTheBatchVerificationMayUploadOthersNot() throws Exception {
        for (var key : List.of(PRODUCTION, QUALITY)) {
            mvc.perform(multipart(PATH).file(file("shipment.xlsx", shipment())).header("Authorization", key))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(multipart(PATH).file(file("shipment.xlsx", shipment())).header("Authorization", CHANNEL))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].answer.verdict").value(startsWith("GENUINE")));
    }
}

package org.serialregistry.custody;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.forged;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A distributor's warehouse system uploads the file of codes its scanners wrote, as the distributor's
 * portal takes it: checked against the shipment first, then the receipt confirmed.
 */
@IntegrationTest
class ReceiptUploadApiTest extends DemoApi {

    @Autowired
    SerialIssuance issuance;

    long shipped(List<SerialNumber> units) throws Exception {
        String body = mvc.perform(post("/api/v1/shipments").header("Authorization", ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shipmentNumber\":\"UP-" + System.nanoTime() + "\",\"from\":\"MFG-DE\",\"to\":\"DIST-DE\","
                                + "\"serials\":" + units.stream().map(u -> "\"" + u.value() + "\"").toList() + "}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("id").asLong();
    }

    static byte[] firstColumn(List<String> cells) throws Exception {
        try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Scans");
            sheet.createRow(0).createCell(0).setCellValue("serial");
            for (int i = 0; i < cells.size(); i++) {
                sheet.createRow(i + 1).createCell(0).setCellValue(cells.get(i));
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aTextFileIsCheckedAgainstTheShipmentAndAWorkbookConfirmsTheReceipt() throws Exception {
        var units = phones(issuance, 3, LocalDate.now().minusDays(2));
        long id = shipped(units);
        String text = "serial\n" + units.get(0).value() + "\r\n" + units.get(1).value() + "\n" + forged(units.get(2)) + "\n";

        mvc.perform(multipart("/api/v1/shipments/" + id + "/check").file(new MockMultipartFile("file", "scans.txt",
                        "text/plain", text.getBytes(StandardCharsets.UTF_8))).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.counts.EXPECTED").value(2))
                .andExpect(jsonPath("$.counts.MISSING").value(1))
                .andExpect(jsonPath("$.shipment.status").value("IN_TRANSIT"));

        var all = units.stream().map(SerialNumber::value).toList();
        mvc.perform(multipart("/api/v1/shipments/" + id + "/receipt").file(new MockMultipartFile("file", "scans.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", firstColumn(all)))
                        .header("Authorization", DISTRIBUTOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.counts.EXPECTED").value(3))
                .andExpect(jsonPath("$.shipment.status").value("RECEIVED"));
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'custody.received' and actor = "
                + "'api-key:demodist'", Long.class)).isPositive();
    }

    @Test
    void anEmptyFileOrNoneIsNamedAndOtherWorkspacesAreRefused() throws Exception {
        long id = shipped(phones(issuance, 1, LocalDate.now().minusDays(2)));
        mvc.perform(multipart("/api/v1/shipments/" + id + "/receipt").file(new MockMultipartFile("file", "scans.txt",
                        "text/plain", "serial\n".getBytes(StandardCharsets.UTF_8))).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"));
        mvc.perform(multipart("/api/v1/shipments/" + id + "/check").header("Authorization", DISTRIBUTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"));
        mvc.perform(multipart("/api/v1/shipments/" + id + "/check").file(new MockMultipartFile("file", "s.xlsx",
                        "application/octet-stream", new byte[] {1, 2, 3})).header("Authorization", DISTRIBUTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"));
        mvc.perform(multipart("/api/v1/shipments/" + id + "/receipt").file(new MockMultipartFile("file", "s.txt",
                        "text/plain", "X".getBytes(StandardCharsets.UTF_8))).header("Authorization", WARRANTY))
                .andExpect(status().isForbidden());
    }
}

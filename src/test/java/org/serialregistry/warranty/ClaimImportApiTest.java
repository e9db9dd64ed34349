package org.serialregistry.warranty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.warranty.internal.ClaimWorkbook;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.forged;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A repair network's system uploads the claims workbook the service centre's portal takes: every bad row
 * is answered at once with its fields and nothing is imported; a clean workbook is adjudicated row by row.
 */
@IntegrationTest
class ClaimImportApiTest extends DemoApi {

    @Autowired
    SerialIssuance issuance;

    MockMultipartFile workbook(List<List<String>> rows) {
        return new MockMultipartFile("file", "claims.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ClaimWorkbook.write(rows));
    }

    long claimsOf(String serial) {
        return jdbc.queryForObject("select count(*) from warranty_claim where serial = ?", Long.class, serial);
    }

    @Test
    void everyBadRowIsNamedWithItsFieldsAndNothingIsImported() throws Exception {
        var units = phones(issuance, 3, LocalDate.now().minusDays(40));
        String day = LocalDate.now().minusDays(1).toString();
        var rows = new ArrayList<List<String>>();
        rows.add(List.of(PHONE, units.get(0).value(), "DISPLAY", day, "Good Row", "good@example.com", "", "API-1"));
        rows.add(List.of(PHONE, units.get(1).value(), "TOASTED", day, "Bad Mail", "bad-at-example", "", "API-2"));
        rows.add(List.of(PHONE, forged(units.get(2)), "BATTERY", day, "Forger", "forger@example.com", "", "API-3"));

        mvc.perform(multipart("/api/v1/warranty-claims/import").file(workbook(rows)).header("Authorization", SERVICE))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.rows.length()").value(2))
                .andExpect(jsonPath("$.rows[0].row").value(3))
                .andExpect(jsonPath("$.rows[0].fields[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "defectCode", "claimantEmail")))
                .andExpect(jsonPath("$.rows[0].message").value(containsString("Defect code:")))
                .andExpect(jsonPath("$.rows[1].row").value(4))
                .andExpect(jsonPath("$.rows[1].fields[0].field").value("serial"))
                .andExpect(jsonPath("$.detail").value(containsString("row 3: ")))
                .andExpect(jsonPath("$.detail").value(containsString("row 4: ")));
        assertThat(claimsOf(units.get(0).value())).as("the good row is not imported either").isZero();
    }

    @Test
    void aCleanWorkbookIsImportedAndEachClaimAdjudicated() throws Exception {
        var units = phones(issuance, 2, LocalDate.now().minusDays(40));
        String day = LocalDate.now().minusDays(1).toString();
        var rows = List.of(
                List.of(PHONE, units.get(0).value(), "DISPLAY", day, "Ann Owner", "ann@example.com", "Cracked", "API-OK-" + System.nanoTime()),
                List.of(PHONE, units.get(1).value(), "BATTERY", day, "Bo Owner", "bo@example.com", "", "API-OK2-" + System.nanoTime()));

        mvc.perform(multipart("/api/v1/warranty-claims/import").file(workbook(rows)).header("Authorization", SERVICE))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.rows").value(2))
                .andExpect(jsonPath("$.claims.length()").value(2))
                .andExpect(jsonPath("$.claims[0].serial").value(units.get(0).value()))
                .andExpect(jsonPath("$.claims[0].claimNumber").value(org.hamcrest.Matchers.startsWith("WC-")));
        assertThat(claimsOf(units.get(0).value())).isEqualTo(1);
        assertThat(claimsOf(units.get(1).value())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'claims.imported' "
                + "and actor = 'api-key:demosvce'", Long.class)).isPositive();
    }

    @Test
    void aFileThatIsNoWorkbookOrTooLargeIsNamedAndOtherWorkspacesAreRefused() throws Exception {
        mvc.perform(multipart("/api/v1/warranty-claims/import").file(new MockMultipartFile("file", "x.csv", "text/csv",
                        "gtin,serial".getBytes())).header("Authorization", SERVICE))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.detail").value(containsString("not an Excel workbook")));
        mvc.perform(multipart("/api/v1/warranty-claims/import").file(new MockMultipartFile("file", "big.xlsx",
                        "application/octet-stream", new byte[ClaimWorkbook.MAX_BYTES + 1])).header("Authorization", SERVICE))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.detail").value(containsString("at most 5 MB")));
        mvc.perform(multipart("/api/v1/warranty-claims/import").header("Authorization", SERVICE))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"));
        mvc.perform(multipart("/api/v1/warranty-claims/import").file(workbook(List.of())).header("Authorization", QUALITY))
                .andExpect(status().isForbidden());
    }
}

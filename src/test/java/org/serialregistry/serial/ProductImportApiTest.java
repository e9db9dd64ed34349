package org.serialregistry.serial;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.shared.Gtin;
import org.springframework.mock.web.MockMultipartFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An ERP uploads the products workbook the production screen imports: all rows or none. A workbook with
 * bad rows is answered with one RFC 9457 problem naming every bad row and each of its fields, and
 * nothing is written; a clean one creates every product, as the claims workbook import does.
 */
@IntegrationTest
class ProductImportApiTest extends DemoApi {

    static final AtomicInteger NEXT = new AtomicInteger();

    /** A GTIN no other test uses. */
    static String freshGtin() {
        String first13 = "0401999" + String.format("%06d", (System.nanoTime() / 1000 + NEXT.incrementAndGet()) % 1_000_000);
        return first13 + Gtin.checkDigit(first13);
    }

    static MockMultipartFile workbook(String[]... rows) throws Exception {
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Products");
            var header = sheet.createRow(0);
            for (int i = 0; i < ProductWorkbook.HEADER.size(); i++) {
                header.createCell(i).setCellValue(ProductWorkbook.HEADER.get(i));
            }
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
            return new MockMultipartFile("file", "products.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out.toByteArray());
        }
    }

    long products(String gtin) {
        return jdbc.queryForObject("select count(*) from product where gtin = ?", Long.class, gtin);
    }

    long imports() {
        return jdbc.queryForObject("select count(*) from audit_entry where action = 'products.imported'", Long.class);
    }

    @Test
    void everyBadRowIsNamedWithEachOfItsFieldsAndNothingIsWritten() throws Exception {
        String good = freshGtin();
        String twice = freshGtin();
        String badCheckDigit = good.substring(0, 13) + (char) ('0' + (good.charAt(13) - '0' + 1) % 10);
        long importsBefore = imports();

        mvc.perform(multipart("/api/v1/products/import").file(workbook(
                        new String[]{good, "Nimbus earbuds", "Electronics", "Standard", "DE, FR", ""},
                        new String[]{badCheckDigit, "", "Toys", "Standard", "", ""},
                        new String[]{twice, "Nimbus case", "Electronics", "Standard", "DE", ""},
                        new String[]{twice, "Nimbus case again", "Electronics", "Standard", "DE", ""},
                        new String[]{"09506000134352", "Aurora again", "Electronics", "Fragile", "DE", ""}))
                        .header("Authorization", PRODUCTION))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Nothing was imported: 3 row(s) to correct"))
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.rows.length()").value(3))
                .andExpect(jsonPath("$.rows[0].row").value(3))
                .andExpect(jsonPath("$.rows[0].fields[*].field").value(containsInAnyOrder("gtin", "name", "category",
                        "intendedMarkets")))
                .andExpect(jsonPath("$.rows[0].message").value(startsWith("gtin: ")))
                .andExpect(jsonPath("$.rows[1].row").value(5))
                .andExpect(jsonPath("$.rows[1].fields[0].field").value("gtin"))
                .andExpect(jsonPath("$.rows[1].fields[0].message").value(containsString("also in row 4")))
                .andExpect(jsonPath("$.rows[2].row").value(6))
                .andExpect(jsonPath("$.rows[2].fields[*].field").value(containsInAnyOrder("gtin", "riskClass")))
                .andExpect(jsonPath("$.rows[2].message").value(containsString("already exists")))
                .andExpect(jsonPath("$.detail").value(containsString("row 3: gtin: ")))
                .andExpect(jsonPath("$.detail").value(containsString("row 6: ")));

        assertThat(products(good)).as("the good rows are not imported either").isZero();
        assertThat(products(twice)).isZero();
        assertThat(imports()).isEqualTo(importsBefore);
    }

    @Test
    void aCleanWorkbookCreatesEveryProductWithItsAuditEntry() throws Exception {
        String tablet = freshGtin();
        String pump = freshGtin();

        mvc.perform(multipart("/api/v1/products/import").file(workbook(
                        new String[]{tablet, "Stratus tablet", "Electronics", "High value", "DE; AT", ""},
                        new String[]{pump, "PulseOx sensor", "Medical device", "Standard", "US", ""}))
                        .header("Authorization", PRODUCTION))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.rows").value(2))
                .andExpect(jsonPath("$.products.length()").value(2))
                .andExpect(jsonPath("$.products[0].gtin").value(tablet))
                .andExpect(jsonPath("$.products[0].riskClass").value("HIGH_VALUE"))
                .andExpect(jsonPath("$.products[1].udiDeviceIdentifier").value(pump));

        assertThat(products(tablet)).isEqualTo(1);
        assertThat(products(pump)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'product.created' "
                + "and subject_id = ? and actor = 'api-key:demoprod'", Long.class, tablet)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'products.imported' "
                + "and actor = 'api-key:demoprod'", Long.class)).isPositive();
    }

    @Test
    void aFileThatIsNoWorkbookTooLargeOrMissingIsNamedAndOtherWorkspacesAreRefused() throws Exception {
        mvc.perform(multipart("/api/v1/products/import").file(new MockMultipartFile("file", "x.csv", "text/csv",
                        "GTIN,Name".getBytes())).header("Authorization", PRODUCTION))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.detail").value(containsString("not a readable Excel workbook")));
        mvc.perform(multipart("/api/v1/products/import").file(new MockMultipartFile("file", "big.xlsx",
                        "application/octet-stream", new byte[ProductWorkbook.MAX_BYTES + 1])).header("Authorization", PRODUCTION))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.detail").value(containsString("at most 5 MB")));
        mvc.perform(multipart("/api/v1/products/import").header("Authorization", PRODUCTION))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"));
        mvc.perform(multipart("/api/v1/products/import").file(workbook()).header("Authorization", PRODUCTION))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.detail").value(containsString("no product rows")));
        mvc.perform(multipart("/api/v1/products/import").file(workbook(new String[]{freshGtin(), "X", "Electronics",
                        "Standard", "DE", ""})).header("Authorization", QUALITY))
                .andExpect(status().isForbidden());
    }
}

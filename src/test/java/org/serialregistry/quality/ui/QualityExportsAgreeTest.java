package org.serialregistry.quality.ui;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.QueryParameters;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.quality.QualityDashboard;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every "Export to Excel" link of the quality screens and the API's export of the same table give the
 * same workbook: sheet, columns and every row, cell by cell.
 */
@IntegrationTest
@WithUserDetails("quality")
class QualityExportsAgreeTest extends SpringBrowserlessTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    QualityDashboard dashboard;

    /** The workbook of each link on the current screen, by the link's text. */
    Map<String, byte[]> downloads() {
        var files = new LinkedHashMap<String, byte[]>();
        for (var anchor : $(Anchor.class).withClassName("export-link").all()) {
            var out = new ByteArrayOutputStream();
            test(anchor).download(out);
            files.put(anchor.getText(), out.toByteArray());
        }
        return files;
    }

    static List<List<String>> cells(byte[] xlsx, List<String> sheetName) throws Exception {
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            sheetName.add(sheet.getSheetName());
            var format = new DataFormatter(Locale.ROOT);
            var rows = new ArrayList<List<String>>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                var cells = new ArrayList<String>();
                for (int c = 0; c < sheet.getRow(r).getLastCellNum(); c++) {
                    cells.add(format.formatCellValue(sheet.getRow(r).getCell(c)));
                }
                rows.add(cells);
            }
            return rows;
        }
    }

    void assertSameTable(String link, byte[] portal, String path, String... params) throws Exception {
        var request = get(path).param("format", "xlsx").header("Authorization", DemoApi.QUALITY);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        byte[] api = DemoApi.mvc(context).perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
        var portalSheet = new ArrayList<String>();
        var apiSheet = new ArrayList<String>();
        var portalRows = cells(portal, portalSheet);
        assertThat(portalRows).as(link + ": a header and rows").hasSizeGreaterThan(1);
        assertThat(cells(api, apiSheet)).as(link + " and " + path).isEqualTo(portalRows);
        assertThat(apiSheet).as(link + ": sheet").isEqualTo(portalSheet);
    }

    @Test
    void theClaimRateScreensLinksAndTheApiGiveTheSameWorkbooks() throws Exception {
        navigate(QualityHomeView.class);
        var files = downloads();
        assertThat(files.keySet()).containsExactly("Export alerts to Excel", "Export lots to Excel",
                "Export claims per week to Excel", "Export line rates to Excel", "Export facility rates to Excel",
                "Export product rates to Excel", "Export defect code rates to Excel");

        assertSameTable("alerts", files.get("Export alerts to Excel"), "/api/v1/quality/alerts/export");
        assertSameTable("lots", files.get("Export lots to Excel"), "/api/v1/quality/lot-rates/export");
        assertSameTable("weeks", files.get("Export claims per week to Excel"), "/api/v1/quality/claims-per-week/export");
        assertSameTable("lines", files.get("Export line rates to Excel"), "/api/v1/quality/rates/export", "dimension", "LINE");
        assertSameTable("facilities", files.get("Export facility rates to Excel"), "/api/v1/quality/rates/export",
                "dimension", "FACILITY");
        assertSameTable("products", files.get("Export product rates to Excel"), "/api/v1/quality/rates/export",
                "dimension", "PRODUCT");
        assertSameTable("defects", files.get("Export defect code rates to Excel"), "/api/v1/quality/rates/export",
                "dimension", "DEFECT");
    }

    @Test
    void theThresholdsAndTheClaimsBehindAFigureExportAsTheApiGivesThem() throws Exception {
        // the screens first: a call through the API's filter chain ends with the test user's security context cleared
        var lot = dashboard.lotRates().stream().filter(r -> r.lot().equals("A2611")).findFirst().orElseThrow();
        navigate(QualityThresholdsView.class);
        byte[] thresholds = downloads().get("Export thresholds to Excel");
        UI.getCurrent().navigate("quality/claims", QueryParameters.simple(Map.of("gtin", lot.gtin(), "lot", lot.lot(),
                "defect", "DISPLAY")));
        assertThat(getCurrentView()).isInstanceOf(QualityClaimsView.class);
        byte[] claims = downloads().get("Export these claims to Excel");

        assertSameTable("thresholds", thresholds, "/api/v1/quality/thresholds/export");
        assertSameTable("claims of lot A2611", claims, "/api/v1/quality/claims/export",
                "gtin", lot.gtin(), "lot", lot.lot(), "defect", "display");
    }
}

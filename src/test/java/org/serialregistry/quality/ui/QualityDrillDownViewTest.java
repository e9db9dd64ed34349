package org.serialregistry.quality.ui;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.grid.Grid;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.quality.LotClaimRate;
import org.serialregistry.quality.QualityDashboard;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.DefectCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** A quality engineer sees which lot fails and drills down to its claims. */
@IntegrationTest
@WithUserDetails("quality")
class QualityDrillDownViewTest extends SpringBrowserlessTest {

    @Autowired
    QualityDashboard dashboard;

    /**
     * The drill-down asks page by page (the scale benchmark found it mapping 500 full claims of a lot per visit):
     * pages follow each other without gap or overlap in the newest-first order, and the count is of every claim.
     */
    @Test
    void theDrillDownReadsPageByPageAndCountsEveryClaim() {
        var filter = QualityDashboard.drillDownFilter("09506000134352", "A2611", null);
        var all = dashboard.claims(filter);
        assertThat(all.size()).as("demo claims of lot A2611").isGreaterThan(7);
        var paged = new ArrayList<ClaimView>();
        for (int offset = 0; offset < all.size(); offset += 7) {
            paged.addAll(dashboard.claims(filter, offset, 7));
        }
        assertThat(paged).extracting(ClaimView::id).containsExactlyElementsOf(all.stream().map(ClaimView::id).toList());
        var count = dashboard.claimCount(filter);
        assertThat(count.total()).isEqualTo(all.size());
        assertThat(count.denied()).isEqualTo(all.stream().filter(c -> c.state() == org.serialregistry.warranty.ClaimState.DENIED).count());

        com.vaadin.flow.component.UI.getCurrent().navigate("quality/claims", com.vaadin.flow.router.QueryParameters.simple(
                java.util.Map.of("gtin", "09506000134352", "lot", "A2611")));
        var drill = (QualityClaimsView) getCurrentView();
        @SuppressWarnings("unchecked")
        var grid = test((Grid<ClaimView>) drill.grid);
        assertThat(grid.size()).isEqualTo(all.size());
        assertThat(grid.getRow(all.size() - 1).id()).isEqualTo(all.getLast().id());
        assertThat(drill.title.getText()).startsWith(all.size() + " claim(s) of lot A2611");
    }

    @Test
    void theEngineerClicksTheFailingDemoLotAndSeesItsDisplayClaims() throws Exception {
        navigate(QualityHomeView.class);
        var home = (QualityHomeView) getCurrentView();
        var lots = test(home.lots);
        int row = -1;
        for (int i = 0; i < lots.size(); i++) {
            if (lots.getRow(i).lot().equals("A2611")) {
                row = i;
            }
        }
        assertThat(row).as("lot A2611 is listed").isNotNegative();
        LotClaimRate a2611 = lots.getRow(row);
        assertThat(a2611.aboveThreshold()).isTrue();
        assertThat(lots.getCellText(row, lots.getColumnPosition("topDefect"))).isEqualTo("Display");

        lots.clickRow(row);

        assertThat(getCurrentView()).isInstanceOf(QualityClaimsView.class);
        var drill = (QualityClaimsView) getCurrentView();
        @SuppressWarnings("unchecked")
        var claims = test((Grid<ClaimView>) drill.grid);
        assertThat(claims.size()).isGreaterThanOrEqualTo((int) a2611.claims());
        var defects = new ArrayList<DefectCode>();
        for (int i = 0; i < claims.size(); i++) {
            assertThat(claims.getRow(i).lot()).isEqualTo("A2611");
            defects.add(claims.getRow(i).defect());
        }
        assertThat(defects.stream().filter(d -> d == DefectCode.DISPLAY).count()).isGreaterThanOrEqualTo(20);
        assertThat(drill.title.getText()).contains("of lot A2611");
    }

    @Test
    void theLotTableExportsToAnExcelFileWithTheSameFigures() throws Exception {
        var rates = dashboard.lotRates();
        byte[] bytes = Exports.workbook(org.serialregistry.quality.internal.QualityTables.lotRates(rates));

        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Lot");
            assertThat(sheet.getLastRowNum()).isEqualTo(rates.size());
            boolean found = false;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                var row = sheet.getRow(r);
                if (row.getCell(2).getStringCellValue().equals("A2611")) {
                    var expected = rates.stream().filter(x -> x.lot().equals("A2611")).findFirst().orElseThrow();
                    assertThat(row.getCell(6).getNumericCellValue()).isEqualTo((double) expected.claims());
                    assertThat(row.getCell(9).getStringCellValue()).isEqualTo("yes");
                    found = true;
                }
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void clickingADefectShowsItsClaimsAcrossLots() {
        navigate(QualityHomeView.class);
        @SuppressWarnings("unchecked")
        var defects = test((Grid<org.serialregistry.quality.ClaimRate>) $(Grid.class).id("rates-defect"));
        int battery = -1;
        for (int i = 0; i < defects.size(); i++) {
            if (defects.getRow(i).group().equals("Battery")) {
                battery = i;
            }
        }
        assertThat(battery).as("battery claims are among the defect rates").isNotNegative();
        defects.clickRow(battery);

        var drill = (QualityClaimsView) getCurrentView();
        @SuppressWarnings("unchecked")
        var claims = test((Grid<ClaimView>) drill.grid);
        assertThat(claims.size()).isPositive();
        for (int i = 0; i < claims.size(); i++) {
            assertThat(claims.getRow(i).defect()).isEqualTo(DefectCode.BATTERY);
        }
    }
}

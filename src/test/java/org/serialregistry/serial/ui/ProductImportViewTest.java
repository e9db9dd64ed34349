package org.serialregistry.serial.ui;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.upload.Upload;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.shared.Gtin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** Production staff import products from Excel: all or nothing, every rejected row with its reason. */
@IntegrationTest
@WithUserDetails("production")
class ProductImportViewTest extends SpringBrowserlessTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired
    MasterData masterData;

    static byte[] workbook(String[]... rows) throws Exception {
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Products");
            var header = sheet.createRow(0);
            String[] names = {"GTIN", "Name", "Category", "Risk class", "Intended markets", "UDI-DI"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** Uploads the file and waits for the import, which runs in the background, to finish. */
    private void upload(byte[] file) {
        navigate("production/master-data", Component.class);
        var view = (ProductsFacilitiesView) getCurrentView();
        test($(Upload.class).single()).upload("products.xlsx", XLSX, file);
        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            roundTrip();
            com.vaadin.flow.server.VaadinService.getCurrent().runPendingAccessTasks(
                    com.vaadin.flow.server.VaadinSession.getCurrent());
            return view.importStatus.getText().startsWith("Imported") || view.importStatus.getText().startsWith("Nothing");
        });
        assertThat(view.importProgress.getValue()).as("the progress bar shows the end").isEqualTo(1.0);
    }

    @Test
    void aFileWithOneBadRowImportsNothingAndNamesTheRowAndItsReason() throws Exception {
        upload(workbook(
                new String[]{"04012345000016", "Nimbus earbuds", "Electronics", "Standard", "DE, FR", ""},
                new String[]{"04012345000023", "Nimbus case", "Electronics", "Standard", "DE", ""},
                new String[]{"04012345000036", "Nimbus charger", "Electronics", "Standard", "DE", ""},
                new String[]{"04012345000047", "Nimbus cable", "Toys", "Standard", "DE", ""}));

        var report = $(ListItem.class).all().stream().map(ListItem::getText).toList();
        assertThat(report).hasSize(2);
        assertThat(report.get(0)).startsWith("Row 4: gtin:");
        assertThat(report.get(1)).startsWith("Row 5: category:");
        assertThat(masterData.product(new Gtin("04012345000016"))).isEmpty();
        assertThat(masterData.product(new Gtin("04012345000023"))).isEmpty();
    }

    @Test
    void aValidFileIsImportedAndTheExportListsTheNewProducts() throws Exception {
        upload(workbook(
                new String[]{"04012345000054", "Stratus tablet", "Electronics", "High value", "DE; AT", ""},
                new String[]{"07612345000060", "PulseOx sensor", "Medical device", "Standard", "US", ""}));

        assertThat($(ListItem.class).all()).isEmpty();
        var tablet = masterData.product(new Gtin("04012345000054")).orElseThrow();
        assertThat(tablet.name()).isEqualTo("Stratus tablet");
        assertThat(tablet.intendedMarkets()).extracting(m -> m.value()).containsExactlyInAnyOrder("DE", "AT");
        assertThat(masterData.product(new Gtin("07612345000060")).orElseThrow().udiDeviceIdentifier())
                .isEqualTo("07612345000060");
        @SuppressWarnings("unchecked")
        var grid = (com.vaadin.flow.component.grid.Grid<ProductView>) $(com.vaadin.flow.component.grid.Grid.class)
                .first();
        assertThat(grid.getGenericDataView().getItems().map(p -> p.gtin().value())).contains("04012345000054");

        var out = new ByteArrayOutputStream();
        test($(Anchor.class).withText("Export products (Excel)").single()).download(out);
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = wb.getSheet("Products");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("GTIN");
            var gtins = new java.util.ArrayList<String>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                gtins.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(gtins).contains("04012345000054", "09506000134352");
        }
    }

    @Test
    void aNewFacilityWithABadCountryShowsTheMessageAtTheCountryFieldAndAValidOneIsListed() {
        navigate("production/master-data", Component.class);
        $(com.vaadin.flow.component.button.Button.class).withText("New facility").single().click();
        var dialog = $(com.vaadin.flow.component.dialog.Dialog.class).single();
        $(com.vaadin.flow.component.textfield.TextField.class, dialog).withCaption("Code").single().setValue("PT-LIS");
        $(com.vaadin.flow.component.textfield.IntegerField.class, dialog).single().setValue(907);
        $(com.vaadin.flow.component.textfield.TextField.class, dialog).withCaption("Name").single().setValue("Lisbon plant");
        var country = $(com.vaadin.flow.component.textfield.TextField.class, dialog).withCaption("Country").single();
        country.setValue("Portugal");
        $(com.vaadin.flow.component.button.Button.class, dialog).withText("Create").single().click();
        assertThat(country.isInvalid()).as("the refusal shows at the field it names").isTrue();
        assertThat(country.getErrorMessage()).isNotBlank();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(masterData.facilities()).noneMatch(f -> f.code().equals("PT-LIS"));

        country.setValue("PT");
        $(com.vaadin.flow.component.button.Button.class, dialog).withText("Create").single().click();
        assertThat(dialog.isOpened()).isFalse();
        @SuppressWarnings("unchecked")
        var grid = (com.vaadin.flow.component.grid.Grid<org.serialregistry.serial.FacilityView>)
                $(com.vaadin.flow.component.grid.Grid.class).all().get(1);
        assertThat(grid.getGenericDataView().getItems().map(f -> f.code())).contains("PT-LIS");
    }
}

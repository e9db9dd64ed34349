package org.serialregistry.factors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.EnumSet;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.upload.Upload;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.factors.NfcTags;
import org.serialregistry.factors.SecondFactor;
import org.serialregistry.factors.SecondFactors;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.NewProduct;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.RiskClass;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** Production staff choose a product's second factors and bind NFC tags in the Second factors screen. */
@IntegrationTest
@WithUserDetails("production")
class SecondFactorsViewTest extends SpringBrowserlessTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static int next = (int) (System.nanoTime() % 40_000);

    @Autowired
    MasterData masterData;
    @Autowired
    SecondFactors factors;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    NfcTags tags;

    private Gtin newProduct() {
        String thirteen = "0950618" + String.format("%06d", ++next);
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            int d = thirteen.charAt(12 - i) - '0';
            sum += i % 2 == 0 ? d * 3 : d;
        }
        String gtin = thirteen + (10 - sum % 10) % 10;
        masterData.createProduct(new NewProduct(gtin, "Tagged drive " + next, ProductCategory.ELECTRONICS,
                RiskClass.HIGH_VALUE, java.util.Set.of("DE"), ""));
        return new Gtin(gtin);
    }

    private SecondFactorsView open() {
        navigate("production/second-factors", Component.class);
        return (SecondFactorsView) getCurrentView();
    }

    @Test
    void production_staff_turn_on_nfc_and_scratch_off_for_a_product() {
        Gtin gtin = newProduct();
        var view = open();

        test(view.product).selectItem(view.product.getListDataView().getItems()
                .filter(p -> p.gtin().equals(gtin)).findFirst().orElseThrow().gtin().value() + " Tagged drive " + next);
        test(view.nfc).click();
        test(view.scratchOff).click();
        test(view.saveFactors).click();

        assertThat(factors.forProduct(gtin).factors()).containsExactlyInAnyOrder(SecondFactor.NFC, SecondFactor.SCRATCH_OFF);
        assertThat(view.configured.getListDataView().getItems().map(p -> p.gtin()).toList()).contains(gtin);
    }

    @Test
    void saving_without_a_product_says_so_at_the_product_field() {
        var view = open();

        test(view.saveFactors).click();

        assertThat(view.product.isInvalid()).isTrue();
        assertThat(view.product.getErrorMessage()).isEqualTo("Choose a product");
    }

    @Test
    void a_tag_with_a_bad_uid_for_an_unknown_serial_shows_both_problems_at_their_fields() {
        var view = open();

        test(view.tagUid).setValue("04XYZ");
        test(view.tagSerial).setValue("NOSUCHSERIAL");
        test(view.bindTag).click();

        assertThat(view.tagUid.isInvalid()).isTrue();
        assertThat(view.tagUid.getErrorMessage()).contains("14 hex digits");
        assertThat(view.tagSerial.isInvalid()).isTrue();
        assertThat(view.tagSerial.getErrorMessage()).contains("NOSUCHSERIAL");
    }

    @Test
    void the_encoders_file_with_one_bad_row_binds_nothing_and_names_the_row() throws Exception {
        Gtin gtin = newProduct();
        factors.configure(gtin, EnumSet.of(SecondFactor.NFC));
        var batch = issuance.issue(new IssueBatchRequest(gtin.value(), "VT" + next, "DE-MUC", "L2", 2,
                java.time.LocalDate.now().minusDays(1), null, "DE", null), null, true).batch();
        var serials = issuance.serials(batch.id(), 0, 2);
        String uid = "04AA" + String.format("%010X", (long) next * 104729L);
        var view = open();

        test($(Upload.class).single()).upload("tags.xlsx", XLSX, workbook(
                new String[] {uid, serials.get(0).value()},
                new String[] {"04BB", serials.get(1).value()}));
        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            roundTrip();
            com.vaadin.flow.server.VaadinService.getCurrent().runPendingAccessTasks(
                    com.vaadin.flow.server.VaadinSession.getCurrent());
            return view.importStatus.getText().startsWith("Imported") || view.importStatus.getText().startsWith("Nothing");
        });

        assertThat(view.importStatus.getText()).startsWith("Nothing was imported");
        assertThat($(ListItem.class).all().stream().map(ListItem::getText).toList())
                .containsExactly("Row 3: uid: an NTAG 424 DNA UID is 7 bytes, 14 hex digits (e.g. 04A1B2C3D4E5F6), got '04BB'");
        assertThat(tags.ofSerial(new SerialNumber(serials.get(0).value()))).isEmpty();
    }

    static byte[] workbook(String[]... rows) throws Exception {
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Tags");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("UID");
            header.createCell(1).setCellValue("Serial");
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue(rows[r][0]);
                row.createCell(1).setCellValue(rows[r][1]);
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}

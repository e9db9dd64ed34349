package org.serialregistry.serial.ui;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.BatchView;
import org.serialregistry.serial.FacilityView;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.Gtin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** Production staff issue a batch in the portal, open it and download its serials and labels. */
@IntegrationTest
@WithUserDetails("production")
class IssueSerialsViewTest extends SpringBrowserlessTest {

    @Autowired
    MasterData masterData;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    JdbcTemplate jdbc;

    private Dialog openDialogAndFill(String lot, Integer quantity) {
        navigate("production/batches", Component.class);
        $(Button.class).withText("Issue serials").single().click();
        var dialog = $(Dialog.class).single();
        @SuppressWarnings("unchecked")
        ComboBox<ProductView> product = $(ComboBox.class, dialog).withCaption("Product").single();
        product.setValue(masterData.product(new Gtin("09506000134352")).orElseThrow());
        $(TextField.class, dialog).withCaption("Lot").single().setValue(lot);
        @SuppressWarnings("unchecked")
        ComboBox<FacilityView> facility = $(ComboBox.class, dialog).withCaption("Facility").single();
        var munich = masterData.facility("DE-MUC").orElseThrow();
        facility.setValue(munich);
        @SuppressWarnings("unchecked")
        ComboBox<FacilityView.LineView> line = $(ComboBox.class, dialog).withCaption("Production line").single();
        line.setValue(munich.lines().getFirst());
        $(IntegerField.class, dialog).withCaption("Quantity").single().setValue(quantity);
        @SuppressWarnings("unchecked")
        ComboBox<String> market = $(ComboBox.class, dialog).withCaption("Intended market").single();
        market.setValue("DE");
        return dialog;
    }

    @Test
    void aProductionUserIssuesABatchFromTheDialogAndDownloadsItsSerialsAndLabels() {
        var dialog = openDialogAndFill("UI2611", 24);
        test($(Button.class, dialog).withText("Issue").single()).click();

        assertThat(dialog.isOpened()).isFalse();
        var batch = issuance.latestBatches(5).stream().filter(b -> b.lot().equals("UI2611")).findFirst().orElseThrow();
        assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch.issuedCount()).isEqualTo(24);
        assertThat(batch.requestedBy()).isEqualTo("production");

        var grid = $(BatchGrid.class).single();
        var rows = test(grid);
        assertThat(rows.getRow(0).lot()).isEqualTo("UI2611");
        rows.clickRow(0);
        assertThat(getCurrentView()).isInstanceOf(BatchDetailView.class);

        var csv = download("CSV");
        var lines = csv.split("\r\n");
        assertThat(lines).hasSize(25);
        assertThat(lines[1]).contains("/01/09506000134352/10/UI2611/21/");
        var sheet = download("Label sheet (print)");
        assertThat(sheet).startsWith("<!DOCTYPE html>");
        assertThat(sheet.split("<svg", -1)).hasSize(25);
        var zpl = download("ZPL (thermal printer)");
        assertThat(zpl.split("\\^XA", -1)).hasSize(25);
    }

    @Test
    void aLotWithWrongCharactersIsShownAtTheLotFieldAndNothingIsIssued() {
        long before = jdbc.queryForObject("select count(*) from serial_batch", Long.class);
        var dialog = openDialogAndFill("lot 7/b", 10);
        test($(Button.class, dialog).withText("Issue").single()).click();

        var lot = $(TextField.class, dialog).withCaption("Lot").single();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(lot.isInvalid()).isTrue();
        assertThat(lot.getErrorMessage()).isNotBlank();
        assertThat($(IntegerField.class, dialog).withCaption("Quantity").single().isInvalid()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from serial_batch", Long.class)).isEqualTo(before);
    }

    @Test
    void aMissingQuantityIsShownAtTheQuantityField() {
        var dialog = openDialogAndFill("UIQTY", null);
        test($(Button.class, dialog).withText("Issue").single()).click();

        var quantity = $(IntegerField.class, dialog).withCaption("Quantity").single();
        assertThat(quantity.isInvalid()).isTrue();
        assertThat(quantity.getErrorMessage()).contains("1 to 1000000");
        assertThat(issuance.latestBatches(20).stream().map(BatchView::lot)).doesNotContain("UIQTY");
    }

    private String download(String text) {
        var out = new ByteArrayOutputStream();
        test($(Anchor.class).withText(text).single()).download(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

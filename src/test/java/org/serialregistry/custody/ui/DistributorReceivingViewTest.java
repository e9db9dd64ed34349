package org.serialregistry.custody.ui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextArea;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.custody.NewShipment;
import org.serialregistry.custody.ReceiptLine;
import org.serialregistry.custody.ReceiptOutcome;
import org.serialregistry.custody.ShipmentStatus;
import org.serialregistry.custody.ShipmentView;
import org.serialregistry.custody.Shipments;
import org.serialregistry.custody.Shipping;
import org.serialregistry.custody.internal.Workbooks;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo distributor receives a shipment in the portal by scanning serials and gets a report per serial. */
@IntegrationTest
@WithUserDetails("distributor")
class DistributorReceivingViewTest extends SpringBrowserlessTest {

    @Autowired
    Shipments shipments;
    @Autowired
    Shipping shipping;
    @Autowired
    SerialIssuance issuance;

    /** The manufacturer sends eight phones to DIST-DE; two more phones stay in Munich. */
    record Sent(ShipmentView shipment, List<String> shipped, String stayedHome) {
    }

    Sent manufacturerShipsToDistDe() {
        var saved = SecurityContextHolder.getContext();
        var ctx = SecurityContextHolder.createEmptyContext();
        // the demo production user, bound to the Munich plant MFG-DE (a production user acts only for its plant)
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("production", null,
                AuthorityUtils.createAuthorityList("ROLE_PRODUCTION")));
        SecurityContextHolder.setContext(ctx);
        try {
            var batch = issuance.issue(new IssueBatchRequest("09506000134352", "UI" + System.nanoTime() % 100000,
                    "DE-MUC", "L1", 10, LocalDate.now().minusDays(5), null, "DE", null), null, true).batch();
            var serials = issuance.serials(batch.id(), 0, 10).stream().map(SerialNumber::value).toList();
            var sh = shipping.ship(NewShipment.of("UI-" + System.nanoTime(), "MFG-DE", "DIST-DE", serials.subList(0, 8)));
            return new Sent(sh, serials.subList(0, 8), serials.get(9));
        } finally {
            SecurityContextHolder.setContext(saved);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDistributorScansAShipmentWithAMissingAnExtraAndAForgedSerialAndDownloadsTheReport() throws Exception {
        var sent = manufacturerShipsToDistDe();
        navigate("distributor", Component.class);

        ComboBox<ShipmentView> shipment = $(ComboBox.class).withCaption("Shipment").single();
        var mine = shipment.getGenericDataView().getItems().filter(s -> s.id().equals(sent.shipment().id())).findFirst().orElseThrow();
        shipment.setValue(mine);

        var scanned = new ArrayList<>(sent.shipped().subList(0, 7));                   // the 8th never arrived
        scanned.add(sent.stayedHome());                                               // genuine, not in this shipment
        String original = sent.shipped().get(7);
        scanned.add(original.substring(0, 19) + (original.charAt(19) == 'Z' ? 'Y' : 'Z')); // a forged copy
        scanned.add("https://id.example.com/01/09506000134352/21/" + sent.shipped().getFirst()); // a rescan as a link
        $(TextArea.class).withCaption("Scanned serials").single().setValue(String.join("\n", scanned));

        $(Button.class).withText("Confirm receipt").single().click();
        // a receipt with missing and counterfeit units asks first, with the figures (issue 16 item 6)
        assertThat(shipments.find(sent.shipment().id()).orElseThrow().status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        var confirmation = $(com.vaadin.flow.component.dialog.Dialog.class).single();
        assertThat(confirmation.getElement().getTextRecursively()).contains("1 unit was shipped but not scanned",
                "1 code is not genuine");
        $(Button.class, confirmation).withText("Confirm receipt").single().click();
        assertThat(confirmation.isOpened()).isFalse();

        Grid<ReceiptLine> report = $(Grid.class).last();
        var lines = test(report);
        var outcomes = new ArrayList<ReceiptOutcome>();
        for (int i = 0; i < lines.size(); i++) {
            outcomes.add(lines.getRow(i).outcome());
        }
        assertThat(outcomes).filteredOn(o -> o == ReceiptOutcome.EXPECTED).hasSize(7);
        assertThat(outcomes).containsOnlyOnce(ReceiptOutcome.MISSING, ReceiptOutcome.NOT_IN_SHIPMENT,
                ReceiptOutcome.NOT_GENUINE);
        assertThat(lines.getCellText(0, 1)).isNotEqualTo("Genuine and expected"); // differences come first
        assertThat(shipments.find(sent.shipment().id()).orElseThrow().status())
                .isEqualTo(ShipmentStatus.RECEIVED_WITH_DIFFERENCES);
        assertThat(shipment.getGenericDataView().getItems().noneMatch(s -> s.id().equals(sent.shipment().id()))).isTrue();
        assertThat($(Anchor.class).withText("Download report (Excel)").exists()).isTrue();

        // the downloadable report opens in a spreadsheet program with one row per serial
        var view = (DistributorHomeView) getCurrentView();
        var out = new java.io.ByteArrayOutputStream();
        Workbooks.receiptReport(view.currentReport(), out);
        try (var wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            var sheet = wb.getSheetAt(0);
            var texts = new ArrayList<String>();
            sheet.forEach(row -> row.forEach(cell -> texts.add(cell.toString())));
            assertThat(texts).contains("Missing: shipped but not received", "Genuine but not in this shipment",
                    "Not genuine", sent.stayedHome());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkingBeforeConfirmingChangesNothing() {
        var sent = manufacturerShipsToDistDe();
        navigate("distributor", Component.class);
        ComboBox<ShipmentView> shipment = $(ComboBox.class).withCaption("Shipment").single();
        shipment.setValue(shipment.getGenericDataView().getItems().filter(s -> s.id().equals(sent.shipment().id()))
                .findFirst().orElseThrow());
        $(TextArea.class).withCaption("Scanned serials").single().setValue(String.join("\n", sent.shipped()));
        $(Button.class).withText("Check against manifest").single().click();

        Grid<ReceiptLine> report = $(Grid.class).last();
        assertThat(test(report).size()).isEqualTo(8);
        assertThat(shipments.find(sent.shipment().id()).orElseThrow().status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
    }
}

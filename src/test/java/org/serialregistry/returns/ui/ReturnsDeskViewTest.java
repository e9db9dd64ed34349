package org.serialregistry.returns.ui;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.custody.Receiving;
import org.serialregistry.custody.Shipping;
import org.serialregistry.returns.ReturnDisposition;
import org.serialregistry.returns.ReturnLineView;
import org.serialregistry.returns.ReturnsMvcTest;
import org.serialregistry.returns.ReturnReason;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serialregistry.warranty.WarrantyTestUnits.forged;

/** The returns desk scans a distributor's return, sees the copy quarantined, overrides one unit with a signature and scraps it. */
@IntegrationTest
@WithUserDetails("service")
class ReturnsDeskViewTest extends SpringBrowserlessTest {

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Shipping shipping;
    @Autowired
    Receiving receiving;
    @Autowired
    Units units;

    @Test
    void theDeskScansAReturnQuarantinesTheCopyAndScrapsAUnitAfterASignedOverride() {
        var serials = ReturnsMvcTest.phonesAtDistributor(issuance, shipping, receiving, 2, LocalDate.now().minusDays(20));
        var texts = serials.stream().map(SerialNumber::value).toList();

        navigate(ReturnsDeskView.class);
        var desk = (ReturnsDeskView) getCurrentView();
        desk.fromParty.setValue(desk.fromParty.getListDataView().getItems().filter(p -> p.code().equals("DIST-DE"))
                .findFirst().orElseThrow());
        desk.reason.setValue(ReturnReason.NOT_WANTED);
        desk.scanned.setValue("http://localhost:8080/01/09506000134352/21/" + texts.get(0) + "\n" + texts.get(1).toLowerCase()
                + "\n\n" + forged(serials.get(0)) + "\n");
        $(Button.class).withText("Take in").single().click();
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            roundTrip();
            VaadinService.getCurrent().runPendingAccessTasks(VaadinSession.getCurrent());
            return desk.status.getText().startsWith("Took in");
        });
        assertThat(desk.progress.getValue()).isEqualTo(1.0);
        assertThat(desk.status.getText()).isEqualTo("Took in 3 units under " + desk.job.rmaNumber()
                + ": 1 quarantined, 2 to refund.");
        List<ReturnLineView> lines = desk.shown.lines();
        assertThat(lines).extracting(ReturnLineView::disposition).containsExactly(ReturnDisposition.RESTOCK,
                ReturnDisposition.RESTOCK, ReturnDisposition.QUARANTINE);
        assertThat(test(desk.lines).size()).isEqualTo(3);

        // the second unit is scratched: a signed override routes it to scrap, then it is scrapped
        desk.overrideDialog(lines.get(1)).open();
        var dialog = $(Dialog.class).single();
        @SuppressWarnings("unchecked")
        Select<ReturnDisposition> disposition = $(Select.class, dialog).withCaption("New disposition").single();
        disposition.setValue(ReturnDisposition.SCRAP);
        $(TextArea.class, dialog).withCaption("Reason").single().setValue("Screen shattered in the box");
        $(PasswordField.class, dialog).single().setValue("service");
        $(Button.class, dialog).withText("Sign and override").single().click();
        var scrapped = desk.shown.lines().get(1);
        assertThat(scrapped.disposition()).isEqualTo(ReturnDisposition.SCRAP);
        assertThat(scrapped.dispositionWhy()).contains("Screen shattered in the box");

        desk.complete(scrapped);
        assertThat(units.find(serials.get(1)).orElseThrow().status()).isEqualTo(UnitStatus.DESTROYED);
        assertThat(desk.shown.lines().get(1).completedAt()).isNotNull();
    }

    @Test
    void aScannedListWithABadCodeIsRefusedWholeAndNamesTheLine() {
        navigate(ReturnsDeskView.class);
        var desk = (ReturnsDeskView) getCurrentView();
        desk.scanned.setValue("GOOD1\nnot a code!");
        $(Button.class).withText("Take in").single().click();
        assertThat(desk.status.getText()).contains("fromParty: say which party sends the units back")
                .contains("line 2: serial: 'not a code!' is not a serial");
        assertThat(desk.job).isNull();
    }
}

package org.serialregistry.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, camera scanning: on each screen that takes codes, "Scan with camera" opens the camera,
 * and what the browser decodes lands in the same field and is read by the same code reader as a
 * typed code; without a camera (or permission) the field stays for typing. Here the browser's decoder
 * is stood in for by its callback (a Chromium test with a fake camera is not finished yet).
 */
@IntegrationTest
class CameraScanTest extends SpringBrowserlessTest {

    @Autowired
    SerialIssuance issuance;

    private String genuinePhone() {
        var a2611 = issuance.latestBatches(100).stream().filter(b -> b.lot().equals("A2611")).findFirst().orElseThrow();
        return issuance.serials(a2611.id(), 0, 10).get(6).value();
    }

    private Dialog scanWithCamera() {
        $(Button.class).withCondition(b -> CameraScan.LABEL.equals(b.getElement().getAttribute("aria-label"))).single().click();
        var dialog = $(Dialog.class).single();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.getHeaderTitle()).isEqualTo(CameraScan.LABEL);
        return dialog;
    }

    private static void decode(Dialog dialog, String text) {
        dialog.getChildren().filter(CameraScan.Viewfinder.class::isInstance).map(CameraScan.Viewfinder.class::cast)
                .findFirst().orElseThrow().decoded(text);
    }

    @Test
    @WithUserDetails("production")
    void aDigitalLinkDecodedByTheCameraIsLookedUpLikeATypedOne() {
        String serial = genuinePhone();
        navigate("production/units", Component.class);
        var dialog = scanWithCamera();

        decode(dialog, "https://id.example.com/01/09506000134352/10/A2611/21/" + serial.toLowerCase());

        var field = $(TextField.class).withCaption("Serial").single();
        assertThat(dialog.isOpened()).isFalse();
        assertThat(field.getValue()).endsWith(serial.toLowerCase());
        assertThat(field.isInvalid()).as(field.getErrorMessage()).isFalse();
        assertThat($(H3.class).withText("Unit " + serial).exists()).isTrue();
    }

    @Test
    @WithUserDetails("service")
    void aScannedCodeThatIsNoUnitsCodeIsNamedAtTheServiceIntakeField() {
        navigate("service/claims/new", Component.class);
        decode(scanWithCamera(), "https://id.example.com/01/09506000134352");

        var field = $(TextField.class).withCaption("Serial").single();
        assertThat(field.getValue()).isEqualTo("https://id.example.com/01/09506000134352");
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).contains("no /21/{serial}");
    }

    @Test
    @WithUserDetails("forensics")
    void withoutCameraPermissionTheDialogSaysSoAndTheFieldStaysForTyping() {
        navigate("forensics/submit", Component.class);
        var dialog = scanWithCamera();
        var viewfinder = dialog.getChildren().filter(CameraScan.Viewfinder.class::isInstance)
                .map(CameraScan.Viewfinder.class::cast).findFirst().orElseThrow();

        viewfinder.failed("NotAllowedError");

        assertThat(dialog.isOpened()).isTrue();
        assertThat(viewfinder.status.getText()).contains("not allowed").contains("type the code");
        $(Button.class, dialog).withText("Close").single().click();
        assertThat(dialog.isOpened()).isFalse();
        var field = $(TextField.class).withCaption("Serial as read on the unit").single();
        assertThat(field.isEnabled()).isTrue();
        assertThat(field.isReadOnly()).isFalse();
    }

    @Test
    @WithUserDetails("distributor")
    void aDistributorReceivingAddsEachScannedCodeAsALine() {
        String serial = genuinePhone();
        navigate("distributor", Component.class);
        var codes = $(TextArea.class).withCaption("Scanned serials").single();
        codes.setValue("FIRSTTYPED");

        decode(scanWithCamera(), "(01)09506000134352(21)" + serial);
        decode(scanWithCamera(), "not a code at all!");

        assertThat(codes.getValue()).isEqualTo("FIRSTTYPED\n(01)09506000134352(21)" + serial);
        assertThat(codes.isInvalid()).isTrue();
        assertThat(codes.getErrorMessage()).startsWith("The scanned code not a code at all! is not a unit's code");
    }
}

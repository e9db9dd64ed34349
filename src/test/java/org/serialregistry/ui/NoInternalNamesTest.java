package org.serialregistry.ui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.security.Role;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.NewClaim;
import org.serialregistry.warranty.ClaimIntake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/**
 * Issue 16 item 2, one class of problem: a message names the field by its label and appears at the
 * field; no screen shows an internal field name ({@code maxClaimRatePercent:}, {@code gtin:}); and an
 * outcome that is not an error (a claim sent to review) is not shown as one.
 */
@IntegrationTest
class NoInternalNamesTest extends SpringBrowserlessTest {

    /** "maxClaimRatePercent:", "gtin:", "purchaseDate:": a lower-case identifier before a colon. */
    static final Pattern INTERNAL_NAME = Pattern.compile("(^|[\\s;(])[a-z][a-z0-9]*([A-Z][a-z0-9]*)*:\\s");

    @Autowired
    SerialIssuance issuance;
    @Autowired
    ClaimIntake claims;

    private List<String> everythingShown(Component... fields) {
        var texts = new ArrayList<String>();
        for (Component f : fields) {
            if (f instanceof HasValidation v && v.isInvalid()) {
                texts.add(v.getErrorMessage());
            }
        }
        $(Notification.class).all().forEach(n -> texts.add(test(n).getText()));
        texts.add(getCurrentView().getElement().getTextRecursively());
        return texts;
    }

    @Test
    @WithUserDetails("quality")
    void aClaimRateThresholdOutOfRangeIsShownAtItsInputsInWords() {
        navigate("quality/thresholds", Component.class);
        var grid = test($(Grid.class).first());
        var cell = (HorizontalLayout) grid.getCellComponent(0, "threshold");
        var percent = (NumberField) cell.getComponentAt(0);
        var min = (IntegerField) cell.getComponentAt(1);
        percent.setValue(0.0);
        min.setValue(0);
        test((Button) cell.getComponentAt(2)).click();

        assertThat(percent.isInvalid()).isTrue();
        assertThat(percent.getErrorMessage()).isEqualTo("More than 0 and at most 100");
        assertThat(min.isInvalid()).isTrue();
        assertThat(everythingShown(percent, min)).noneMatch(t -> INTERNAL_NAME.matcher(t).find());
    }

    @Test
    @WithUserDetails("service")
    @SuppressWarnings("unchecked")
    void aServiceCentreSeesEveryProblemOfAClaimAtItsFieldAndNoneByItsInternalName() {
        navigate("service/claims/new", Component.class);
        var serial = $(TextField.class).withCaption("Serial").single();
        serial.setValue("not a serial!");
        var email = $(EmailField.class).withCaption("Claimant e-mail").single();
        email.setValue("nobody-at-example");
        var claimant = $(TextField.class).withCaption("Claimant").single();
        Select<ProductView> product = $(Select.class).withCaption("Product").single();
        Select<DefectCode> defect = $(Select.class).withCaption("Defect").single();

        $(Button.class).withText("Submit claim").single().click();

        assertThat(product.isInvalid()).as("product").isTrue();
        assertThat(serial.isInvalid()).as("serial").isTrue();
        assertThat(defect.isInvalid()).as("defect").isTrue();
        assertThat(claimant.isInvalid()).as("claimant").isTrue();
        assertThat(email.isInvalid()).as("e-mail").isTrue();
        assertThat(everythingShown(product, serial, defect, claimant, email))
                .noneMatch(t -> INTERNAL_NAME.matcher(t).find());
        assertThat($(Notification.class).all()).isEmpty();
    }

    @Test
    @WithUserDetails("service")
    @SuppressWarnings("unchecked")
    void aClaimSentToReviewIsShownAsAnOutcomeNotAsAnError() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(20)).getFirst();
        as("service", () -> claims.submit(new NewClaim("09506000134352", unit.value(), "DISPLAY", LocalDate.now(),
                "Rita Repeat", "rita@example.com", "first", null), ClaimChannel.API), Role.SERVICE_CENTER_NAME);

        navigate("service/claims/new", Component.class);
        Select<ProductView> product = $(Select.class).withCaption("Product").single();
        product.setValue(product.getListDataView().getItems().filter(p -> p.gtin().value().equals("09506000134352"))
                .findFirst().orElseThrow());
        $(TextField.class).withCaption("Serial").single().setValue(unit.value());
        Select<DefectCode> defect = $(Select.class).withCaption("Defect").single();
        defect.setValue(DefectCode.DISPLAY);
        $(TextField.class).withCaption("Claimant").single().setValue("Rita Repeat");
        $(EmailField.class).withCaption("Claimant e-mail").single().setValue("rita@example.com");
        $(Button.class).withText("Submit claim").single().click();

        var shown = test($(Notification.class).last());
        assertThat(shown.getText()).contains("Needs review");
        assertThat($(Notification.class).last().getThemeNames()).doesNotContain(NotificationVariant.LUMO_ERROR.getVariantName());
    }
}

package org.serialregistry.ui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.Gtin;
import org.serialregistry.warranty.ClaimIntake;
import org.serialregistry.warranty.internal.ClaimWorkbook;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.forged;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/**
 * Issue 16 item 1, one class of problem: a form or an import reports every problem in one pass, each
 * at its field or row, instead of one per round.
 */
@IntegrationTest
class AllProblemsInOnePassTest extends SpringBrowserlessTest {

    @Autowired
    MasterData masterData;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    ClaimIntake claims;

    private static List<String> invalid(HasValidation... fields) {
        var out = new ArrayList<String>();
        for (var f : fields) {
            if (f.isInvalid()) {
                out.add(f.getErrorMessage());
            }
        }
        return out;
    }

    @Test
    @WithUserDetails("production")
    @SuppressWarnings("unchecked")
    void theIssueSerialsDialogMarksEveryBadFieldAtOnce() {
        navigate("production/batches", Component.class);
        $(Button.class).withText("Issue serials").single().click();
        var dialog = $(Dialog.class).single();
        ComboBox<ProductView> product = $(ComboBox.class, dialog).withCaption("Product").single();
        product.setValue(masterData.product(new Gtin("09506000134352")).orElseThrow());
        var lot = $(TextField.class, dialog).withCaption("Lot").single();
        lot.setValue("L-77");
        var quantity = $(IntegerField.class, dialog).withCaption("Quantity").single();
        quantity.setValue(0);
        ComboBox<?> facility = $(ComboBox.class, dialog).withCaption("Facility").single();
        ComboBox<?> line = $(ComboBox.class, dialog).withCaption("Production line").single();

        test($(Button.class, dialog).withText("Issue").single()).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(lot.isInvalid()).isTrue();
        assertThat(facility.isInvalid()).isTrue();
        assertThat(line.isInvalid()).isTrue();
        assertThat(quantity.isInvalid()).isTrue();
        assertThat(invalid(lot, facility, line, quantity)).hasSize(4).allSatisfy(m -> assertThat(m).isNotBlank());
    }

    @Test
    @WithUserDetails("production")
    @SuppressWarnings("unchecked")
    void theNewProductDialogMarksEveryBadFieldAtOnce() {
        navigate("production/master-data", Component.class);
        $(Button.class).withText("New product").single().click();
        var dialog = $(Dialog.class).single();
        var gtin = $(TextField.class, dialog).withCaption("GTIN").single();
        gtin.setValue("09506000134353");
        var name = $(TextField.class, dialog).withCaption("Name").single();
        var category = (com.vaadin.flow.component.select.Select<?>) $(com.vaadin.flow.component.select.Select.class, dialog)
                .withCaption("Category").single();
        var markets = $(TextField.class, dialog).withCaption("Intended markets").single();
        markets.setValue("Germany");

        $(Button.class, dialog).withText("Create").single().click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(gtin.getErrorMessage()).contains("check digit");
        assertThat(name.getErrorMessage()).contains("1 to 128 characters");
        assertThat(category.getErrorMessage()).contains("choose electronics");
        assertThat(markets.getErrorMessage()).isNotBlank().doesNotContain(";");
        assertThat(List.of(gtin.isInvalid(), name.isInvalid(), category.isInvalid(), markets.isInvalid())).containsOnly(true);
    }

    @Test
    @WithUserDetails("admin")
    @SuppressWarnings("unchecked")
    void theNewUserDialogMarksEveryBadFieldAtOnce() {
        navigate("admin/users", Component.class);
        $(Button.class).withText("New user").single().click();
        var dialog = $(Dialog.class).single();
        var username = $(TextField.class, dialog).withCaption("User name").single();
        username.setValue("A B");
        var name = $(TextField.class, dialog).withCaption("Name").single();
        var password = $(PasswordField.class, dialog).withCaption("Initial password").single();
        password.setValue("short");
        CheckboxGroup<Role> roles = $(CheckboxGroup.class, dialog).single();

        $(Button.class, dialog).withText("Create").single().click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(username.getErrorMessage()).contains("2 to 64 characters");
        assertThat(name.getErrorMessage()).contains("1 to 128 characters");
        assertThat(password.getErrorMessage()).contains("at least 10 characters");
        assertThat(roles.getErrorMessage()).contains("at least one role");
        assertThat(List.of(username.isInvalid(), name.isInvalid(), password.isInvalid(), roles.isInvalid()))
                .containsOnly(true);
    }

    @Test
    @WithUserDetails("service")
    void aClaimWorkbookReportsEveryBadRowAndEveryProblemOfARowInOneUpload() {
        var units = phones(issuance, 3, LocalDate.now().minusDays(40));
        String day = LocalDate.now().minusDays(1).toString();
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("09506000134352", units.get(0).value(), "DISPLAY", day, "Good Row", "good@example.com", "", "OP-1"));
        rows.add(List.of("09506000134352", units.get(1).value(), "TOASTED", day, "Bad Mail", "bad-at-example", "", "OP-2"));
        rows.add(List.of("09506000134352", units.get(2).value(), "DISPLAY", LocalDate.now().plusDays(3).toString(),
                "Future", "future@example.com", "", "OP-3"));
        rows.add(List.of("09506000134352", forged(units.get(2)), "BATTERY", day, "Forger", "forger@example.com", "", "OP-4"));

        var report = as("service", () -> claims.importWorkbook(ClaimWorkbook.write(rows), null), Role.SERVICE_CENTER_NAME);

        assertThat(report.imported()).isFalse();
        assertThat(report.problems()).extracting(p -> p.row()).containsExactly(3, 4, 5);
        assertThat(report.problems().get(0).message()).contains("Defect code:").contains("Claimant email:")
                .contains("bad-at-example");
        assertThat(report.problems().get(1).message()).startsWith("Failure date:");
        assertThat(report.problems().get(2).message()).startsWith("Serial:").contains("not a genuine serial");
    }
}

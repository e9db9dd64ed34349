package org.serialregistry.ui;

import java.time.LocalDate;
import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.forensics.ForensicReview;
import org.serialregistry.forensics.NewSubmission;
import org.serialregistry.forensics.Verdict;
import org.serialregistry.security.Role;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.NewClaim;
import org.serialregistry.warranty.NewRegistration;
import org.serialregistry.warranty.OwnershipRegistry;
import org.serialregistry.warranty.RegistrationChannel;
import org.serialregistry.warranty.ClaimIntake;
import org.serialregistry.warranty.ClaimQueries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/**
 * Issue 16 item 3, one class of problem: a signature dialog checks what was written before the
 * password, stays open on any refusal with the work in it, and never clears a selection the user
 * still needs.
 */
@IntegrationTest
class DialogsKeepWorkTest extends SpringBrowserlessTest {

    @Autowired
    ClaimIntake claims;
    @Autowired
    ClaimQueries claimQueries;
    @Autowired
    OwnershipRegistry owners;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    ForensicReview review;
    @Autowired
    JdbcTemplate jdbc;

    private ClaimView claimForReview(String tag) {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(30)).getFirst();
        return as("service", () -> {
            owners.register(new NewRegistration(PHONE, unit.value(), LocalDate.now().minusDays(10), "Shop", "Keep Owner",
                    "keep@example.com", null, null), RegistrationChannel.PORTAL);
            return claims.submit(new NewClaim(PHONE, unit.value(), "SENSOR", null, "Keeper Claimant " + tag,
                    "keep-other@example.com", "Sensor dead", null), ClaimChannel.PORTAL).claim();
        }, Role.SERVICE_CENTER_NAME);
    }

    @Test
    @WithUserDetails("warranty")
    @SuppressWarnings("unchecked")
    void aBulkDenialWithoutAReasonKeepsTheDialogTheSelectionAndTheClaims() {
        var first = claimForReview("A");
        var second = claimForReview("B");
        navigate("warranty", Component.class);
        $(TextField.class).withCaption("Claim, serial, RMA or claimant").single().setValue("Keeper Claimant");
        Grid<ClaimView> grid = $(Grid.class).first();
        var rows = test(grid);
        for (int i = 0; i < rows.size(); i++) {
            var id = rows.getRow(i).id();
            if (id.equals(first.id()) || id.equals(second.id())) {
                rows.select(i);
            }
        }
        assertThat(grid.getSelectedItems()).hasSize(2);

        $(Button.class).withText("Deny selected…").single().click();
        var dialog = $(Dialog.class).single();
        // nothing written at all: the missing reason is named, not a wrong password
        $(Button.class, dialog).withText("Sign and deny").single().click();
        var reason = $(TextArea.class, dialog).withCaption("Reason for denial").single();
        assertThat(reason.isInvalid()).isTrue();
        assertThat(reason.getErrorMessage()).contains("why the claim is denied");
        assertThat(String.valueOf($(PasswordField.class, dialog).single().getErrorMessage())).doesNotContain("not correct");

        $(PasswordField.class, dialog).single().setValue("warranty");
        $(Button.class, dialog).withText("Sign and deny").single().click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(reason.getErrorMessage()).contains("why the claim is denied");
        assertThat(grid.getSelectedItems()).extracting(ClaimView::id).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat($(Notification.class).all()).noneMatch(n -> test(n).getText().contains("0 decided"));
        assertThat(claimQueries.find(first.id()).orElseThrow().state()).isEqualTo(ClaimState.NEEDS_REVIEW);

        reason.setValue("Not the registered owner; no proof of purchase");
        $(Button.class, dialog).withText("Sign and deny").single().click();
        assertThat(dialog.isOpened()).isFalse();
        assertThat(claimQueries.find(first.id()).orElseThrow().state()).isEqualTo(ClaimState.DENIED);
        assertThat(claimQueries.find(second.id()).orElseThrow().state()).isEqualTo(ClaimState.DENIED);
    }

    @Test
    @WithUserDetails("forensics")
    @SuppressWarnings("unchecked")
    void aForensicVerdictWithoutReasoningIsRefusedBeforeThePasswordIsAskedFor() {
        String serial = jdbc.queryForObject("select u.serial from unit u left join unit_status s on s.serial = u.serial "
                + "where u.lot = 'A2611' and s.status is null order by u.serial offset 71 rows fetch next 1 rows only",
                String.class);
        var submission = review.submit(new NewSubmission(serial, null, "Warehouse 3", "Supplier X", "180 g", null,
                null, "Suspect"), List.of(), null);
        navigate("forensics/submissions/" + submission.id(), Component.class);
        Select<Verdict> verdict = $(Select.class).withCaption("Verdict").single();
        verdict.setValue(Verdict.COUNTERFEIT);

        $(Button.class).withText("Sign verdict").single().click();

        assertThat($(Dialog.class).all()).as("no password asked for a verdict that cannot be signed").isEmpty();
        var reasoning = $(TextArea.class).withCaption("Reasoning").single();
        assertThat(reasoning.isInvalid()).isTrue();
        assertThat(verdict.getValue()).isEqualTo(Verdict.COUNTERFEIT);
        assertThat(getCurrentView().getElement().getTextRecursively()).contains("Checklist: record at least one inspection");

        reasoning.setValue("Housing print differs");
        $(Button.class).withText("Sign verdict").single().click();
        assertThat($(Dialog.class).all()).isEmpty();
        assertThat(reasoning.getValue()).isEqualTo("Housing print differs");
    }
}

package org.serialregistry.warranty.ui;

import java.time.LocalDate;
import java.util.EnumSet;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.security.Role;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.warranty.CheckResult;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.ClaimDecision;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.NewClaim;
import org.serialregistry.warranty.NewRegistration;
import org.serialregistry.warranty.OwnershipRegistry;
import org.serialregistry.warranty.RegistrationChannel;
import org.serialregistry.warranty.ClaimIntake;
import org.serialregistry.warranty.ClaimQueries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/** An adjudicator works the queue: what needs a person comes first, with the reason beside it. */
@IntegrationTest
@WithUserDetails("warranty")
class ClaimQueueViewTest extends SpringBrowserlessTest {

    @Autowired
    ClaimIntake claims;
    @Autowired
    ClaimQueries claimQueries;
    @Autowired
    org.serialregistry.warranty.ClaimDecisions claimDecisions;
    @Autowired
    OwnershipRegistry owners;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private ClaimView claimForReview() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(30)).getFirst();
        return as("service", () -> {
            owners.register(new NewRegistration(PHONE, unit.value(), LocalDate.now().minusDays(10), "Shop", "Queue Owner",
                    "queue@example.com", null, null), RegistrationChannel.PORTAL);
            return claims.submit(new NewClaim(PHONE, unit.value(), "SENSOR", null, "Not The Owner", "other@example.com",
                    "Proximity sensor dead", null), ClaimChannel.PORTAL).claim();
        }, Role.SERVICE_CENTER_NAME);
    }

    /** The queue, searched down to {@code claim}. */
    private WarrantyHomeView queueShowing(ClaimView claim) {
        navigate(WarrantyHomeView.class);
        var view = (WarrantyHomeView) getCurrentView();
        view.search.setValue(claim.claimNumber());
        return view;
    }

    @SuppressWarnings("unchecked")
    private Grid<ClaimView> queue() {
        return ((WarrantyHomeView) getCurrentView()).grid;
    }

    @Test
    void theQueueShowsClaimsNeedingReviewWithTheirReasonAndAge() {
        var claim = claimForReview();
        navigate(WarrantyHomeView.class);

        var grid = test(queue());
        assertThat(grid.size()).isPositive();
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.getRow(i).state()).isEqualTo(ClaimState.NEEDS_REVIEW);
        }
        var view = (WarrantyHomeView) getCurrentView();
        view.search.setValue(claim.claimNumber());
        assertThat(grid.size()).isEqualTo(1);
        assertThat(grid.getCellText(0, grid.getColumnPosition("why")))
                .contains("Claimant consistent with the registered owner or the seller's record failed");
        assertThat(grid.getCellText(0, grid.getColumnPosition("age"))).endsWith("min");
    }

    @Test
    void aClaimWaitingLongerThanTheReviewTimeIsMarkedOverdue() {
        var fresh = claimForReview();
        var old = claimForReview();
        jdbc.update("update warranty_claim set submitted_at = ? where id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(3))), old.id().value());
        navigate(WarrantyHomeView.class);
        var view = (WarrantyHomeView) getCurrentView();
        var grid = test(queue());

        view.search.setValue(fresh.claimNumber());
        assertThat(grid.getCellText(0, grid.getColumnPosition("sla"))).contains("Due in 1 d");
        view.search.setValue(old.claimNumber());
        assertThat(grid.getCellText(0, grid.getColumnPosition("sla"))).contains("Overdue 1 d");
        assertThat($(org.serialregistry.ui.Kpi.class).all()).anySatisfy(k -> assertThat(k.getElement().getTextRecursively())
                .contains("Overdue"));
    }

    @Test
    void filteringByStateAndDefectFindsTheDemoWaterDamageDenial() {
        navigate(WarrantyHomeView.class);
        var view = (WarrantyHomeView) getCurrentView();
        view.states.setValue(EnumSet.of(ClaimState.DENIED));
        view.defect.setValue(org.serialregistry.warranty.DefectCode.WATER_DAMAGE);

        var grid = test(queue());
        assertThat(grid.size()).isPositive();
        assertThat(grid.getRow(0).decisionReasons()).contains("Water damage is excluded");
    }

    @Test
    void anAdjudicatorApprovesSelectedClaimsWithOneSignatureAndAWrongPasswordDecidesNothing() {
        var claim = claimForReview();
        queueShowing(claim);
        test(queue()).select(0);

        $(Button.class).withText("Approve selected…").single().click();
        var dialog = $(Dialog.class).single();
        $(PasswordField.class, dialog).single().setValue("wrong-password");
        $(Button.class, dialog).withText("Sign and approve").single().click();
        var password = $(PasswordField.class, dialog).single();
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).startsWith("The password is not correct");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(claimQueries.find(claim.id()).orElseThrow().state()).isEqualTo(ClaimState.NEEDS_REVIEW);

        $(PasswordField.class, dialog).single().setValue("warranty");
        $(TextArea.class, dialog).single().setValue("Gift receipt checked");
        $(Button.class, dialog).withText("Sign and approve").single().click();

        var after = claimQueries.detail(claim.id()).orElseThrow();
        assertThat(after.claim().state()).isEqualTo(ClaimState.RMA_ISSUED);
        assertThat(after.claim().decision()).isEqualTo(ClaimDecision.APPROVED);
        assertThat(after.signatures()).singleElement()
                .satisfies(s -> assertThat(s.printedName()).isEqualTo("Wendy Warranty"));
        assertThat(test($(Notification.class).last()).getText()).isEqualTo("1 claim(s) approved and signed");
    }

    @Test
    void clickingAClaimOpensItsPageWithEveryCheckAndTheUnitsHistory() {
        var claim = claimForReview();
        navigate(WarrantyHomeView.class);
        ((WarrantyHomeView) getCurrentView()).search.setValue(claim.claimNumber());

        test(queue()).clickRow(0);

        assertThat(getCurrentView()).isInstanceOf(ClaimPageView.class);
        var page = (ClaimPageView) getCurrentView();
        assertThat(page.detail.claim().id()).isEqualTo(claim.id());
        @SuppressWarnings("unchecked")
        Grid<CheckResult> checks = (Grid<CheckResult>) $(Grid.class).id("checks");
        assertThat(test(checks).size()).isEqualTo(8);
        assertThat($(Button.class).withText("Approve…").exists()).isTrue();
        assertThat(page.getPageTitle()).isEqualTo(claim.claimNumber());
    }

    /** A key pressed while the queue (the grid) has focus, as the browser sends it to the shortcut listeners. */
    private void press(Key key) {
        com.vaadin.browserless.internal.ShortcutsKt._fireShortcut(queue(), key);
    }

    @Test
    void anAdjudicatorMovesThroughTheQueueWithJAndKAndTheKeysAreShown() {
        var first = claimForReview();
        var second = claimForReview();
        navigate(WarrantyHomeView.class);
        var view = (WarrantyHomeView) getCurrentView();
        view.search.setValue("Not The Owner");
        var rows = test(queue());
        int at = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.getRow(i).id().equals(first.id())) {
                at = i;
            }
        }
        assertThat(at).as("the first claim is in the queue").isNotNegative();
        assertThat(rows.getRow(at + 1).id()).isEqualTo(second.id());
        assertThat($(com.vaadin.flow.component.html.Span.class).all()).anySatisfy(s -> assertThat(s.getText())
                .contains("J next claim").contains("K previous").contains("A approve").contains("D deny"));

        for (int i = 0; i <= at; i++) {
            press(Key.KEY_J);
        }
        assertThat(view.current.getText()).startsWith("Current: " + first.claimNumber() + " (" + (at + 1) + " of ");
        press(Key.KEY_J);
        assertThat(view.current.getText()).startsWith("Current: " + second.claimNumber());
        press(Key.KEY_K);
        assertThat(view.current.getText()).startsWith("Current: " + first.claimNumber());

        // typing in the search field is not a key for the queue: the shortcuts listen on the grid only
        com.vaadin.browserless.internal.ShortcutsKt._fireShortcut(view.search, Key.KEY_J);
        assertThat(view.current.getText()).startsWith("Current: " + first.claimNumber());

        press(Key.KEY_X);
        assertThat(queue().getSelectedItems()).extracting(ClaimView::id).containsExactly(first.id());
        press(Key.KEY_X);
        assertThat(queue().getSelectedItems()).isEmpty();
        press(Key.KEY_O);
        assertThat(getCurrentView()).isInstanceOf(ClaimPageView.class);
        assertThat(((ClaimPageView) getCurrentView()).detail.claim().id()).isEqualTo(first.id());
    }

    @Test
    void approveAndDenyKeysOpenTheSignatureDialogAndDecideNothingWithoutIt() {
        var claim = claimForReview();
        queueShowing(claim);

        press(Key.KEY_J);
        press(Key.KEY_D);
        var deny = $(Dialog.class).single();
        assertThat(deny.getHeaderTitle()).isEqualTo("Deny 1 claim(s)");
        deny.close();
        assertThat(claimQueries.find(claim.id()).orElseThrow().state()).isEqualTo(ClaimState.NEEDS_REVIEW);

        press(Key.KEY_A);
        var approve = $(Dialog.class).single();
        assertThat(approve.getHeaderTitle()).isEqualTo("Approve 1 claim(s)");
        assertThat(claimQueries.find(claim.id()).orElseThrow().state()).isEqualTo(ClaimState.NEEDS_REVIEW);
        $(PasswordField.class, approve).single().setValue("warranty");
        $(Button.class, approve).withText("Sign and approve").single().click();

        var after = claimQueries.detail(claim.id()).orElseThrow();
        assertThat(after.claim().state()).isEqualTo(ClaimState.RMA_ISSUED);
        assertThat(after.signatures()).singleElement()
                .satisfies(s -> assertThat(s.printedName()).isEqualTo("Wendy Warranty"));
    }

    @Test
    void aDecidedClaimsPageOffersNoSecondDecision() {
        var claim = claimForReview();
        as("warranty", () -> claimDecisions.decide(claim.id(), claim.version(), ClaimDecision.DENIED,
                org.serialregistry.warranty.SignatureMeaning.APPROVAL, "Not the owner's unit", "warranty"), Role.WARRANTY_NAME);

        navigate(ClaimPageView.class, claim.id().value());

        assertThat(((ClaimPageView) getCurrentView()).detail.claim().state()).isEqualTo(ClaimState.DENIED);
        assertThat($(Button.class).withText("Approve…").exists()).isFalse();
        assertThat($(Button.class).withText("Deny…").exists()).isFalse();
        assertThat($(Button.class).withText("Assign to me").exists()).isTrue();
    }
}

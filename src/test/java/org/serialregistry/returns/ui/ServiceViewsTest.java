package org.serialregistry.returns.ui;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.ProductView;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.ServiceOutcome;
import org.serialregistry.warranty.ClaimIntake;
import org.serialregistry.warranty.ClaimQueries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.owned;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/** A service centre enters a claim, sees the decision at once, and logs the replacement under the RMA. */
@IntegrationTest
@WithUserDetails("service")
class ServiceViewsTest extends SpringBrowserlessTest {

    @Autowired
    ClaimIntake claims;
    @Autowired
    ClaimQueries claimQueries;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    org.serialregistry.warranty.OwnershipRegistry owners;
    @Autowired
    org.serialregistry.serial.MasterData masterData;

    @Test
    void theFailureDateStartsAtTodayByTheRegistrysClockAndCannotBeLater() {
        // late in the evening UTC: a machine clock in another zone would already say the next day
        var clock = Clock.fixed(Instant.parse("2031-03-04T23:30:00Z"), ZoneOffset.UTC);
        var form = new ServiceClaimIntakeView(claims, masterData, clock);
        assertThat(form.failure.getValue()).isEqualTo(LocalDate.of(2031, 3, 4));
        assertThat(form.failure.getMax()).isEqualTo(LocalDate.of(2031, 3, 4));
    }

    @Test
    void aServiceCentreSubmitsAClaimAndLogsAReplacementSerialOnIt() {
        var pair = phones(issuance, 2, LocalDate.now().minusDays(15));
        owned(owners, pair.get(0), "Carl Customer", "carl@example.com");
        navigate(ServiceClaimIntakeView.class);
        var form = (ServiceClaimIntakeView) getCurrentView();
        form.product.setValue(form.product.getListDataView().getItems()
                .filter(p -> p.gtin().value().equals("09506000134352")).findFirst().orElseThrow());
        form.serial.setValue(pair.get(0).value());
        form.defect.setValue(DefectCode.CONNECTIVITY);
        form.claimant.setValue("Carl Customer");
        form.email.setValue("carl@example.com");
        $(Button.class).withText("Submit claim").single().click();

        assertThat(form.decision.getText()).contains("Approved").contains("RMA-");
        assertThat(test(form.checks).size()).isEqualTo(8);
        var claim = form.last.claim();

        navigate(ServiceHomeView.class);
        var home = (ServiceHomeView) getCurrentView();
        home.repairDialog(claimQueries.find(claim.id()).orElseThrow()).open();
        var dialog = $(Dialog.class).single();
        assertThat(dialog.getElement().getTextRecursively()).as("eligibility before the repair")
                .contains("This unit has had 1 claim; the policy allows 3; a second is within the limit");
        $(TextArea.class, dialog).withCaption("Actions").single().setValue("Antenna module faulty; unit swapped");
        $(TextField.class, dialog).withCaption("Technician").single().setValue("Tina Tech");
        @SuppressWarnings("unchecked")
        Select<ServiceOutcome> outcome = $(Select.class, dialog).single();
        outcome.setValue(ServiceOutcome.REPLACED);
        $(TextField.class, dialog).withCaption("Replacement serial").single().setValue(pair.get(1).value());
        $(Button.class, dialog).withText("Log repair").single().click();

        var after = claimQueries.find(claim.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ClaimState.REPLACED);
        assertThat(after.replacementSerial()).isEqualTo(pair.get(1).value());

        navigate(ServiceHistoryView.class);
        var history = (ServiceHistoryView) getCurrentView();
        history.serial.setValue(pair.get(1).value());
        $(Button.class).withText("Show history").single().click();
        assertThat(history.result.getElement().getTextRecursively())
                .contains("replacement for " + pair.get(0).value() + " (" + claim.claimNumber() + ")");
    }

    @Test
    void aForgedSerialIsRefusedInTheFormWithAClearMessage() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(15)).getFirst();
        navigate(ServiceClaimIntakeView.class);
        var form = (ServiceClaimIntakeView) getCurrentView();
        form.product.setValue(form.product.getListDataView().getItems().filter(p -> p.gtin().value().equals("09506000134352"))
                .map(p -> (ProductView) p).findFirst().orElseThrow());
        String forged = org.serialregistry.warranty.WarrantyTestUnits.forged(unit);
        form.serial.setValue(forged);
        form.defect.setValue(DefectCode.DISPLAY);
        form.claimant.setValue("Faker");
        form.email.setValue("faker@example.com");
        $(Button.class).withText("Submit claim").single().click();

        assertThat(form.serial.isInvalid()).isTrue();
        assertThat(form.serial.getErrorMessage()).startsWith(forged + " is not a genuine serial");
        assertThat(form.last).isNull();
    }

    @Test
    void theServiceHistoryShowsHowManyClaimsTheUnitHadAgainstThePolicysLimit() {
        var unit = phones(issuance, 1, LocalDate.now().minusDays(15)).getFirst();
        owned(owners, unit, "Lea Owner", "lea@example.com");
        for (String defect : java.util.List.of("DISPLAY", "BATTERY", "POWER")) {
            claims.submit(new org.serialregistry.warranty.NewClaim("09506000134352", unit.value(), defect, null,
                    "Lea Owner", "lea@example.com", null, null), org.serialregistry.warranty.ClaimChannel.PORTAL);
        }

        navigate(ServiceHistoryView.class);
        var history = (ServiceHistoryView) getCurrentView();
        history.serial.setValue(unit.value());
        $(Button.class).withText("Show history").single().click();

        assertThat(history.result.getElement().getTextRecursively())
                .contains("This unit has had 3 claims; the policy allows 3; a fourth is not covered");
    }
}

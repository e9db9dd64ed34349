package org.serialregistry.returns.ui;

import java.time.LocalDate;
import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.notification.Notification;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.returns.DispositionRule;
import org.serialregistry.returns.DispositionRules;
import org.serialregistry.returns.ReturnDisposition;
import org.serialregistry.returns.ReturnReason;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/** The quality team adds a routing rule on its screen; a service centre walks an assembly's genealogy. */
@IntegrationTest
class ReturnsPortalViewsTest extends SpringBrowserlessTest {

    @Autowired
    DispositionRules rules;
    @Autowired
    SerialIssuance issuance;

    @Test
    @WithUserDetails("quality")
    void aQualityEngineerAddsARuleAndABadOneIsNamedFieldByField() {
        navigate(DispositionRulesView.class);
        var view = (DispositionRulesView) getCurrentView();
        view.priority.setValue(0);
        view.maxAgeDays.setValue(-1);
        $(Button.class).withText("Save rule").single().click();
        // every problem at once, each at its own field like every other form, none in a toast
        assertThat(view.priority.isInvalid()).isTrue();
        assertThat(view.priority.getErrorMessage()).startsWith("A whole number from 1 to 100000");
        assertThat(view.disposition.isInvalid()).isTrue();
        assertThat(view.disposition.getErrorMessage()).startsWith("Restock, repair");
        assertThat(view.maxAgeDays.isInvalid()).isTrue();
        assertThat(view.maxAgeDays.getErrorMessage()).contains("36500 days");
        assertThat(view.explanation.isInvalid()).isTrue();
        assertThat(view.explanation.getErrorMessage()).startsWith("Say in words why");
        assertThat($(Notification.class).all()).isEmpty();

        view.priority.setValue(7);
        view.reason.setValue(ReturnReason.END_OF_LEASE);
        view.maxAgeDays.setValue(730);
        view.disposition.setValue(ReturnDisposition.REFURBISH);
        view.explanation.setValue("Leased units under two years old are refurbished");
        $(Button.class).withText("Save rule").single().click();

        List<DispositionRule> saved = as("quality", () -> rules.all(), "QUALITY");
        assertThat(saved).anySatisfy(r -> {
            assertThat(r.priority()).isEqualTo(7);
            assertThat(r.conditions()).isEqualTo("reason end of lease, made at most 730 days ago");
            assertThat(r.changedBy()).isEqualTo("quality");
        });
        assertThat(test(view.grid).size()).isEqualTo(saved.size());
    }

    @Test
    @WithUserDetails("service")
    void aServiceCentreSeesTheComponentsOfAnAssemblyAndWhatItIsBuiltInto() {
        var parts = phones(issuance, 2, LocalDate.now().minusDays(3));
        var assembly = as("production", () -> {
            var batch = issuance.issue(new IssueBatchRequest(PHONE, "GEN" + System.nanoTime() % 100000, "DE-MUC", "L2", 1,
                    LocalDate.now().minusDays(2), null, "DE", List.of(parts.stream().map(p -> p.value()).toList())),
                    null, true).batch();
            return issuance.serials(batch.id(), 0, 1).getFirst();
        }, "PRODUCTION");

        navigate(GenealogyView.class);
        var view = (GenealogyView) getCurrentView();
        view.serial.setValue(parts.get(0).value());
        $(Button.class).withText("Show genealogy").single().click();
        assertThat(view.summary.getText()).isEqualTo(parts.get(0).value() + ": 1 ancestor(s), 0 descendant(s).");
        assertThat(test(view.ancestors).size()).isEqualTo(1);

        view.serial.setValue(assembly.value());
        $(Button.class).withText("Show genealogy").single().click();
        assertThat(view.summary.getText()).isEqualTo(assembly.value() + ": 0 ancestor(s), 2 descendant(s).");
        assertThat(test(view.descendants).size()).isEqualTo(2);
    }
}

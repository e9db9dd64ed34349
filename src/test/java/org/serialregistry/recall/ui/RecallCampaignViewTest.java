package org.serialregistry.recall.ui;

import java.time.Duration;
import java.time.LocalDate;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.recall.CampaignState;
import org.serialregistry.recall.RecallRemedy;
import org.serialregistry.recall.RecallSeverity;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A quality engineer starts a recall in the portal, follows its progress and closes it with a signature. */
@IntegrationTest
@WithUserDetails("quality")
class RecallCampaignViewTest extends SpringBrowserlessTest {

    static final String PHONE = "09506000134352";

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;

    @Test
    @SuppressWarnings("unchecked")
    void theEngineerSignsARecallWatchesItRunAndClosesIt() {
        var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
        var asProduction = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        asProduction.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                .authenticated("production", null, org.springframework.security.core.authority.AuthorityUtils
                        .createAuthorityList("ROLE_PRODUCTION")));
        org.springframework.security.core.context.SecurityContextHolder.setContext(asProduction);
        var batch = issuance.issue(new IssueBatchRequest(PHONE, "RCUI1", "DE-MUC", "L1", 9, LocalDate.now().minusDays(9),
                null, "DE", null), null, true).batch();
        var first = issuance.serials(batch.id(), 0, 1).getFirst();
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);

        navigate("quality/recalls", Component.class);
        $(Button.class).withText("Start a recall…").single().click();
        var dialog = $(Dialog.class).single();
        $(TextField.class, dialog).withCaption("GTIN").single().setValue(PHONE);
        $(TextArea.class, dialog).withCaption("Lots").single().setValue("RCUI1");
        $(TextArea.class, dialog).withCaption("Reason").single().setValue("Charger overheats");
        ((Select<RecallSeverity>) $(Select.class, dialog).withCaption("Severity").single()).setValue(RecallSeverity.CLASS_II);
        ((Select<RecallRemedy>) $(Select.class, dialog).withCaption("Remedy").single()).setValue(RecallRemedy.REPAIR);
        $(TextArea.class, dialog).withCaption("What owners should do").single().setValue("Book a free repair.");

        $(PasswordField.class, dialog).withCaption("Password").single().setValue("not my password");
        test($(Button.class, dialog).withText("Sign and start the recall").single()).click();
        assertThat(getCurrentView()).as("a wrong password starts nothing").isInstanceOf(RecallCampaignsView.class);
        assertThat(units.find(first).orElseThrow().status()).isEqualTo(UnitStatus.ACTIVE);

        $(PasswordField.class, dialog).withCaption("Password").single().setValue("quality");
        test($(Button.class, dialog).withText("Sign and start the recall").single()).click();

        assertThat(getCurrentView()).isInstanceOf(RecallCampaignView.class);
        var page = (RecallCampaignView) getCurrentView();
        assertThat(page.title.getText()).contains("Charger overheats");
        await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> {
            page.refresh();
            return page.campaign.state() == CampaignState.ACTIVE;
        });
        assertThat(page.jobProgress.getValue()).isEqualTo(1.0);
        assertThat(page.jobText.getText()).startsWith("9 of 9 units handled");
        var table = test(page.table);
        assertThat(table.size()).as("DE and the total").isEqualTo(2);
        assertThat(table.getCellText(1, table.getColumnPosition("market"))).isEqualTo("all");
        assertThat(table.getCellText(1, table.getColumnPosition("affected"))).isEqualTo("9");
        assertThat(page.chart.getOptionJson()).contains("\"DE\"").contains("In the field");

        page.outcomeSerials.setValue(first.value());
        test(page.remedied).click();
        assertThat(test(page.table).getCellText(1, test(page.table).getColumnPosition("remedied"))).isEqualTo("1");
        assertThat(units.find(first).orElseThrow().status()).as("repaired: back in circulation").isEqualTo(UnitStatus.ACTIVE);

        test(page.closeButton).click();
        var close = $(Dialog.class).single();
        $(PasswordField.class, close).withCaption("Password").single().setValue("quality");
        test($(Button.class, close).withText("Sign and close").single()).click();
        assertThat(page.campaign.state()).isEqualTo(CampaignState.CLOSED);
        assertThat(test(page.signatures).size()).isEqualTo(2);
        assertThat(page.closeButton.isEnabled()).isFalse();
    }
}

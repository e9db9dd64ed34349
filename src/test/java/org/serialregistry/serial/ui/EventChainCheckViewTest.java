package org.serialregistry.serial.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** Production staff and administrators check that nobody tampered with the lifecycle event log. */
@IntegrationTest
class EventChainCheckViewTest extends SpringBrowserlessTest {

    @Test
    @WithUserDetails("production")
    void productionChecksTheChainFromItsHomeAndReadsThatItIsIntact() {
        navigate("production", Component.class);
        assertThat($(EventChainCheck.class).single().resultText()).isEmpty();
        $(Button.class).withText("Check event chain").single().click();
        assertThat($(EventChainCheck.class).single().resultText()).startsWith("Intact:").contains("events checked");
    }

    @Test
    @WithUserDetails("admin")
    void anAdministratorChecksTheChainInTheAdministrationWorkspace() {
        navigate("admin/event-chain", Component.class);
        $(Button.class).withText("Write checkpoint now").single().click();
        assertThat($(AdminEventChainView.class).single().checkpointText()).startsWith("Signed: ")
                .contains("lifecycle at ").contains("audit at ");
        $(Button.class).withText("Check event chain").single().click();
        assertThat($(EventChainCheck.class).single().resultText()).startsWith("Intact:").contains("checkpoint of");
        assertThat($(com.vaadin.flow.component.html.Anchor.class).withText("Download latest checkpoint").exists()).isTrue();
        $(Button.class).withText("Check audit trail").single().click();
        assertThat($(AdminEventChainView.class).single().auditText()).startsWith("Intact:").contains("audit entries checked");
    }
}

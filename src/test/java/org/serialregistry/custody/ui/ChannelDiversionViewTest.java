package org.serialregistry.custody.ui;

import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.custody.CustodyMovement;
import org.serialregistry.custody.DiversionAlert;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.ui.FigurePanel;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel manager sees the demo's diverted phone, with the distributor that let it out of Germany. */
@IntegrationTest
@WithUserDetails("channel")
class ChannelDiversionViewTest extends SpringBrowserlessTest {

    @Test
    @SuppressWarnings("unchecked")
    void aChannelManagerSeesTheDivertedUnitWithTheHolderWhoDivertedItAndItsChain() {
        navigate("channel", Component.class);
        var view = (ChannelHomeView) getCurrentView();
        var alerts = test(view.alerts);
        DiversionAlert demo = null;
        int row = -1;
        for (int i = 0; i < alerts.size(); i++) {
            if ("DEMO-SH-003".equals(alerts.getRow(i).shipmentNumber())) {
                demo = alerts.getRow(i);
                row = i;
            }
        }
        assertThat(demo).as("the demo diversion DIST-DE -> DIST-US").isNotNull();
        assertThat(alerts.getCellText(row, view.alerts.getColumns().indexOf(view.alerts.getColumnByKey("holder"))))
                .isEqualTo("DIST-DE");

        alerts.select(row);

        assertThat($(H3.class).all()).extracting(H3::getText).contains("Chain of custody of " + demo.serial());
        Grid<CustodyMovement> chain = $(Grid.class, view.chain).single();
        List<BusinessStep> steps = chain.getGenericDataView().getItems().map(CustodyMovement::bizStep).toList();
        assertThat(steps).containsExactly(BusinessStep.SHIPPING, BusinessStep.RECEIVING, BusinessStep.SHIPPING,
                BusinessStep.RECEIVING);
        assertThat(chain.getGenericDataView().getItems().map(CustodyMovement::toParty).toList())
                .containsExactly("DIST-DE", "DIST-DE", "DIST-US", "DIST-US");
        assertThat($(Paragraph.class, view.chain).first().getText()).startsWith("DIST-DE was the last legitimate holder")
                .contains("now held at DIST-US");

        var volumes = $(FigurePanel.class).all().stream().filter(f -> !f.getFigures().isEmpty()).toList();
        assertThat(volumes).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChannelManagerFindsTheCustodyEventsOfAShipment() {
        navigate("channel/search", Component.class);
        $(TextField.class).withCaption("Shipment").single().setValue("DEMO-SH-002");
        $(Button.class).withText("Search").single().click();
        var view = (ChannelSearchView) getCurrentView();
        var items = view.results.getGenericDataView().getItems().toList();
        assertThat(items).hasSize(10); // five phones shipped and received
        assertThat(items).allSatisfy(m -> assertThat(m.fromParty()).isEqualTo("DIST-DE"));
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.serialregistry.serial.SerialIssuance issuance;
    @org.springframework.beans.factory.annotation.Autowired
    org.serialregistry.custody.Shipping shipping;


    @Test
    void aChannelManagerTakesUpAnAlertAndDismissesItWithAReason() {
        // a German phone shipped straight to the US distributor
        var channelManager = org.springframework.security.core.context.SecurityContextHolder.getContext();
        var serial = new java.util.ArrayList<String>();
        org.serialregistry.security.SystemIdentity.runAs("ops", () -> {
            serial.add(org.serialregistry.counterfeit.ScanFixtures.issue(issuance,
                    org.serialregistry.counterfeit.ScanFixtures.PHONE, "TRIAGE1", 1, "DE").getFirst().value());
            shipping.ship(new org.serialregistry.custody.NewShipment("TRIAGE-SH-1", "MFG-DE", "DIST-US", serial,
                    List.of(), java.util.Map.of(), null));
        }, org.serialregistry.security.Role.PRODUCTION, org.serialregistry.security.Role.ADMIN);
        org.springframework.security.core.context.SecurityContextHolder.setContext(channelManager);

        navigate("channel/search", Component.class); // the test starts in the channel workspace: open it anew
        navigate("channel", Component.class);
        var view = (ChannelHomeView) getCurrentView();
        assertThat(view.investigate.isEnabled()).as("nothing selected").isFalse();
        var grid = test(view.alerts);
        int row = rowOf(view, "TRIAGE-SH-1");
        grid.select(row);
        assertThat(view.reopen.isEnabled()).as("an open alert cannot be reopened").isFalse();

        test(view.investigate).click();
        row = rowOf(view, "TRIAGE-SH-1");
        assertThat(grid.getRow(row).status()).isEqualTo("INVESTIGATING");
        assertThat(grid.getRow(row).assignee()).isEqualTo("channel");

        test(view.dismiss).click(); // no reason given
        assertThat(rowOf(view, "TRIAGE-SH-1")).as("still to work on").isEqualTo(row);
        test(view.reason).setValue("Permitted sale through the US subsidiary, contract 2026-17");
        test(view.dismiss).click();
        assertThat(rowOf(view, "TRIAGE-SH-1")).as("dismissed: no longer to work on").isEqualTo(-1);

        test(view.show).selectItem("Dismissed");
        row = rowOf(view, "TRIAGE-SH-1");
        assertThat(grid.getRow(row).resolution()).isEqualTo("Permitted sale through the US subsidiary, contract 2026-17");
        // the reason given is shown with who gave it (issue 16 item 8)
        assertThat(grid.getCellText(row, view.alerts.getColumns().indexOf(view.alerts.getColumnByKey("decision"))))
                .startsWith("Permitted sale through the US subsidiary, contract 2026-17 (channel, ");
        assertThat(grid.getCellText(row, view.alerts.getColumns().indexOf(view.alerts.getColumnByKey("status"))))
                .isEqualTo("Dismissed");
    }

    private int rowOf(ChannelHomeView view, String shipmentNumber) {
        var grid = test(view.alerts);
        for (int i = 0; i < grid.size(); i++) {
            if (shipmentNumber.equals(grid.getRow(i).shipmentNumber())) {
                return i;
            }
        }
        return -1;
    }
}

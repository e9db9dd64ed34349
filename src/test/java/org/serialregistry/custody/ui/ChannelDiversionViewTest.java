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
}

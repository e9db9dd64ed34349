package org.serialregistry.custody.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.custody.Custody;
import org.serialregistry.custody.CustodyRefusal;
import org.serialregistry.custody.DiversionAlert;
import org.serialregistry.security.Role;
import org.serialregistry.ui.EChart;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.ui.Kpi;

/**
 * Channel workspace home: diversion alerts with the chain of custody of the selected unit and the
 * party that let it out of its market; volumes per distributor; units and alerts per market;
 * refused transfers.
 */
@Route("channel")
@PageTitle("Diversion and volumes")
@Menu(title = "Diversion and volumes", order = 50, icon = "vaadin:truck")
@RolesAllowed(Role.CHANNEL_NAME)
class ChannelHomeView extends VerticalLayout {

    private final Custody custody;
    final Grid<DiversionAlert> alerts = new Grid<>();
    final Div chain = new Div();

    ChannelHomeView(Custody custody) {
        this.custody = custody;
        var alertList = custody.alerts(null, null, 1000);
        var refusals = custody.refusals(200);
        var volumes = custody.volumes();

        var kpis = new FlexLayout(new Kpi("Diversion alerts", alertList.size()),
                new Kpi("Diverting parties", alertList.stream().map(DiversionAlert::lastLegitimateHolder).distinct().count()),
                new Kpi("Refused transfers", refusals.size()));
        kpis.getStyle().set("gap", "var(--lumo-space-m)");

        alerts.addColumn(DiversionAlert::serial).setHeader("Serial").setAutoWidth(true);
        alerts.addColumn(DiversionAlert::lot).setHeader("Lot").setAutoWidth(true);
        alerts.addColumn(DiversionAlert::intendedMarket).setHeader("Intended").setAutoWidth(true);
        alerts.addColumn(DiversionAlert::seenMarket).setHeader("Seen in").setAutoWidth(true);
        alerts.addColumn(a -> a.destinationParty() == null ? "scan" : a.destinationParty()).setHeader("Went to").setAutoWidth(true);
        alerts.addColumn(DiversionAlert::lastLegitimateHolder).setHeader("Last legitimate holder").setKey("holder").setAutoWidth(true);
        alerts.addColumn(a -> a.shipmentNumber() == null ? "" : a.shipmentNumber()).setHeader("Shipment").setAutoWidth(true);
        alerts.addColumn(a -> ShipmentGrids.TIME.format(a.detectedAt())).setHeader("Detected (UTC)").setAutoWidth(true);
        alerts.addColumn(DiversionAlert::reason).setHeader("Why").setFlexGrow(1);
        alerts.setItems(alertList);
        alerts.setHeight("18rem");
        alerts.addThemeVariants(GridVariant.LUMO_COMPACT);
        alerts.asSingleSelect().addValueChangeListener(e -> showChain(e.getValue()));
        chain.setWidthFull();

        var volumeGrid = new Grid<Custody.PartyVolume>();
        volumeGrid.addColumn(Custody.PartyVolume::party).setHeader("Party").setAutoWidth(true);
        volumeGrid.addColumn(v -> v.type().label()).setHeader("Type").setAutoWidth(true);
        volumeGrid.addColumn(Custody.PartyVolume::received).setHeader("Received").setAutoWidth(true);
        volumeGrid.addColumn(Custody.PartyVolume::passedOn).setHeader("Sold or shipped on").setAutoWidth(true);
        volumeGrid.addColumn(Custody.PartyVolume::diverted).setHeader("Diverted").setAutoWidth(true);
        volumeGrid.setItems(volumes);
        volumeGrid.setAllRowsVisible(true);
        volumeGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        volumeGrid.setWidth("min(100%, 36rem)");
        var labels = volumes.stream().map(Custody.PartyVolume::party).toList();
        var series = new LinkedHashMap<String, List<? extends Number>>();
        series.put("Received", volumes.stream().map(Custody.PartyVolume::received).toList());
        series.put("Sold or shipped on", volumes.stream().map(Custody.PartyVolume::passedOn).toList());
        series.put("Diverted", volumes.stream().map(Custody.PartyVolume::diverted).toList());
        var volumeChart = new EChart().setOption(EChart.bar("Volumes per party", labels, series))
                .setAriaLabel("Volumes per party");
        volumeChart.setWidth("min(100%, 36rem)");
        var volumeRow = new FlexLayout(volumeChart, volumeGrid);
        volumeRow.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        volumeRow.getStyle().set("gap", "var(--lumo-space-l)");
        volumeRow.setWidthFull();

        var refusalGrid = new Grid<CustodyRefusal>();
        refusalGrid.addColumn(r -> ShipmentGrids.TIME.format(r.refusedAt())).setHeader("When (UTC)").setAutoWidth(true);
        refusalGrid.addColumn(r -> r.fromParty() == null ? "" : r.fromParty()).setHeader("From").setAutoWidth(true);
        refusalGrid.addColumn(r -> r.toParty() == null ? "" : r.toParty()).setHeader("To").setAutoWidth(true);
        refusalGrid.addColumn(CustodyRefusal::refusedCount).setHeader("Units refused").setAutoWidth(true);
        refusalGrid.addColumn(CustodyRefusal::reason).setHeader("Reason").setFlexGrow(1);
        refusalGrid.setItems(refusals);
        refusalGrid.setHeight("14rem");
        refusalGrid.addThemeVariants(GridVariant.LUMO_COMPACT);

        var markets = new FlexLayout(
                new FigurePanel("Units by holder's market", "Units", FigurePanel.Kind.PIE, custody.unitsByMarket()),
                new FigurePanel("Diversion alerts by market", "Alerts", FigurePanel.Kind.BAR, custody.alertsByMarket()));
        markets.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        markets.getStyle().set("gap", "var(--lumo-space-l)");

        add(kpis, new H3("Diversion alerts"), new Paragraph("Select an alert to see the unit's chain of custody."),
                alerts, chain, new H3("Volumes per distributor"), volumeRow, markets,
                new H3("Refused transfers"), refusalGrid);
    }

    void showChain(DiversionAlert alert) {
        chain.removeAll();
        if (alert == null) {
            return;
        }
        var steps = new ArrayList<>(custody.timeline(alert.serial()));
        var grid = ShipmentGrids.movements();
        grid.setItems(steps);
        grid.setAllRowsVisible(true);
        var holder = custody.holderOf(alert.serial());
        String now = holder.map(h -> "now " + h.state().name().toLowerCase().replace('_', ' ') + " at " + h.holder()).orElse("");
        chain.add(new H3("Chain of custody of " + alert.serial()),
                new Paragraph(alert.lastLegitimateHolder() + " was the last legitimate holder: " + alert.reason() + "; "
                        + now + "."), grid);
    }

    static Map<String, Long> none() {
        return Map.of();
    }
}

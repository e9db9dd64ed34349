package org.serialregistry.custody.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.custody.Custody;
import org.serialregistry.custody.CustodyRefusal;
import org.serialregistry.custody.DiversionAlert;
import org.serialregistry.custody.DiversionAlerts;
import org.serialregistry.custody.DiversionStatus;
import org.serialregistry.security.Role;
import org.serialregistry.ui.EChart;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Kpi;
import org.serialregistry.ui.Notifications;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

/**
 * Channel workspace home: diversion alerts with the chain of custody of the selected unit and the
 * party that let it out of its market, worked from here (investigate, confirm, dismiss, reopen,
 * with the reason); volumes per distributor; units and alerts per market; refused transfers.
 */
@Route("channel")
@PageTitle("Diversion and volumes")
@Menu(title = "Diversion and volumes", order = 50, icon = "vaadin:truck")
@RolesAllowed(Role.CHANNEL_NAME)
class ChannelHomeView extends VerticalLayout {

    static final String TO_WORK_ON = "To work on (open, investigating)";
    static final String ALL = "All";

    private final Custody custody;
    private final DiversionAlerts diversionAlerts;
    final Grid<DiversionAlert> alerts = new Grid<>();
    final Select<String> show = new Select<>();
    final TextArea reason = new TextArea("Reason");
    final Button investigate = new Button("Investigate", e -> move(DiversionStatus.INVESTIGATING));
    final Button confirm = new Button("Confirm diversion", e -> move(DiversionStatus.CONFIRMED));
    final Button dismiss = new Button("Dismiss", e -> move(DiversionStatus.DISMISSED));
    final Button reopen = new Button("Reopen", e -> move(DiversionStatus.OPEN));
    final Div chain = new Div();

    ChannelHomeView(Custody custody, DiversionAlerts diversionAlerts) {
        this.custody = custody;
        this.diversionAlerts = diversionAlerts;
        show.setLabel("Show");
        var choices = new ArrayList<String>(List.of(TO_WORK_ON, ALL));
        for (DiversionStatus st : DiversionStatus.values()) {
            choices.add(st.label());
        }
        show.setItems(choices);
        show.setValue(TO_WORK_ON);
        var active = reload(null); // the alerts to work on: the grid's first content and the figures below
        var refusals = custody.refusals(200);
        var volumes = custody.volumes();

        var kpis = new FlexLayout(new Kpi("Alerts to work on", active.size()),
                new Kpi("Diverting parties", active.stream().map(DiversionAlert::lastLegitimateHolder).distinct().count()),
                new Kpi("Refused transfers", refusals.size()));
        kpis.getStyle().set("gap", "var(--lumo-space-m)");

        var columns = Grids.columns(alerts);
        columns.key("Serial", DiversionAlert::serial);
        columns.value("Lot", DiversionAlert::lot);
        columns.text("Market → seen, went to", a -> a.intendedMarket() + " → " + a.seenMarket() + ", "
                + (a.destinationParty() == null ? "scan" : a.destinationParty()), "7rem", 0);
        columns.value("Last holder", DiversionAlert::lastLegitimateHolder).setKey("holder");
        columns.text("Shipment · detected (UTC)", a -> (a.shipmentNumber() == null ? "" : a.shipmentNumber() + " · ")
                + ShipmentGrids.TIME.format(a.detectedAt()), "8rem", 0);
        columns.text("Why", DiversionAlert::reason, "10rem", 2);
        columns.value("Status", a -> a.state().label()).setKey("status");
        columns.text("Assignee", DiversionAlert::assignee, "5rem", 0);
        // the reason given when the alert was confirmed, dismissed or reopened, and by whom
        columns.text("Decision", ChannelHomeView::decision, "6rem", 1).setKey("decision");
        alerts.setHeight("18rem");
        alerts.asSingleSelect().addValueChangeListener(e -> {
            showChain(e.getValue());
            enableActions(e.getValue());
        });
        chain.setWidthFull();

        show.addValueChangeListener(e -> reload(null));
        reason.setPlaceholder("Needed to confirm, dismiss or reopen: what you found, e.g. a permitted parallel sale");
        reason.setMaxLength(1000);
        reason.setWidth("min(100%, 36rem)");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        var actions = new HorizontalLayout(investigate, confirm, dismiss, reopen);
        actions.setDefaultVerticalComponentAlignment(Alignment.END);
        enableActions(null);

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
        Grids.wrapping(refusalGrid).addThemeVariants(GridVariant.LUMO_COMPACT);

        var markets = new FlexLayout(
                new FigurePanel("Units by holder's market", "Units", FigurePanel.Kind.PIE, custody.unitsByMarket()),
                new FigurePanel("Diversion alerts by market", "Alerts", FigurePanel.Kind.BAR, custody.alertsByMarket()));
        markets.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        markets.getStyle().set("gap", "var(--lumo-space-l)");

        add(kpis, new H3("Diversion alerts"), new Paragraph("Select an alert to see the unit's chain of custody "
                        + "and to work it: take it up, then confirm the diversion or dismiss it as an authorised move."),
                show, alerts, reason, actions, chain, new H3("Volumes per distributor"), volumeRow, markets,
                new H3("Refused transfers"), refusalGrid);
    }

    private List<DiversionStatus> shownStatuses() {
        String choice = show.getValue();
        if (ALL.equals(choice)) {
            return List.of();
        }
        if (TO_WORK_ON.equals(choice) || choice == null) {
            return List.copyOf(DiversionStatus.ACTIVE);
        }
        return java.util.Arrays.stream(DiversionStatus.values()).filter(st -> st.label().equals(choice)).toList();
    }

    /** Reloads the alerts; selects the one with {@code selectId} when it is still shown. */
    private List<DiversionAlert> reload(Long selectId) {
        var list = diversionAlerts.find(shownStatuses(), null, null, 1000);
        alerts.setItems(list);
        var again = selectId == null ? null : list.stream().filter(a -> a.id() == selectId).findFirst().orElse(null);
        if (again != null) {
            alerts.select(again);
        } else {
            alerts.deselectAll();
        }
        return list;
    }

    private void enableActions(DiversionAlert alert) {
        var from = alert == null ? null : alert.state();
        investigate.setEnabled(from != null && from.canMoveTo(DiversionStatus.INVESTIGATING));
        confirm.setEnabled(from != null && from.canMoveTo(DiversionStatus.CONFIRMED));
        dismiss.setEnabled(from != null && from.canMoveTo(DiversionStatus.DISMISSED));
        reopen.setEnabled(from != null && from.canMoveTo(DiversionStatus.OPEN));
        reason.setEnabled(from != null);
    }

    void move(DiversionStatus to) {
        var alert = alerts.asSingleSelect().getValue();
        if (alert == null) {
            Notifications.error("Select an alert first");
            return;
        }
        try {
            var after = diversionAlerts.changeStatus(alert.id(), to, reason.getValue(), alert.version());
            reason.clear();
            Notifications.success("Alert on " + after.serial() + ": " + after.state().label().toLowerCase());
            reload(after.id());
        } catch (IllegalArgumentException e) {
            Notifications.error(e.getMessage());
        } catch (ObjectOptimisticLockingFailureException e) {
            Notifications.error("Someone else changed this alert meanwhile; it has been reloaded");
            reload(alert.id());
        }
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
                        + now + "."));
        if (!decision(alert).isEmpty()) {
            chain.add(new Paragraph(alert.state().label() + ": " + decision(alert)));
        }
        chain.add(grid);
    }

    static String decision(DiversionAlert a) {
        if (a.resolution() == null || a.resolution().isBlank()) {
            return "";
        }
        return a.resolution() + (a.statusChangedBy() == null ? "" : " (" + a.statusChangedBy()
                + (a.statusChangedAt() == null ? "" : ", " + ShipmentGrids.TIME.format(a.statusChangedAt())) + ")");
    }

    static Map<String, Long> none() {
        return Map.of();
    }
}

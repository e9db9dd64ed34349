package org.serialregistry.quality.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.quality.ClaimRate;
import org.serialregistry.quality.LotClaimRate;
import org.serialregistry.quality.internal.QualityTables;
import org.serialregistry.quality.QualityAlertView;
import org.serialregistry.quality.QualityDashboard;
import org.serialregistry.quality.RateDimension;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Badges;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Kpi;
import org.serialregistry.ui.Notifications;
import org.serialregistry.warranty.ClaimConflictException;

/**
 * Quality dashboard: open alerts, claim rates per lot (click a lot for its claims), per line,
 * facility, product and defect code, and claims over time; every table exports to Excel.
 */
@Route("quality")
@PageTitle("Claim rates")
@Menu(title = "Claim rates", order = 30, icon = "vaadin:chart")
@RolesAllowed(Role.QUALITY_NAME)
class QualityHomeView extends VerticalLayout {

    private final QualityDashboard dashboard;
    final FlexLayout kpis = new FlexLayout();
    final Span lotFilter = new Span();
    final Grid<LotClaimRate> lots = new Grid<>();
    final Grid<QualityAlertView> alerts = new Grid<>();

    QualityHomeView(QualityDashboard dashboard) {
        this.dashboard = dashboard;
        var lotRates = dashboard.lotRates();
        var alertList = dashboard.alerts();

        fillKpis(alertList, lotRates);
        kpis.getStyle().set("gap", "var(--lumo-space-m)");
        kpis.setFlexWrap(FlexLayout.FlexWrap.WRAP);

        Grids.key(alerts.addColumn(a -> a.gtin() + " / " + a.lot()).setHeader("Lot"));
        alerts.addColumn(a -> a.facilityCode() + "/" + a.lineCode()).setHeader("Line").setAutoWidth(true);
        alerts.addColumn(a -> a.claimRatePercent() + " % (" + a.claims() + " of " + a.units() + ")")
                .setHeader("Rate when raised").setAutoWidth(true);
        alerts.addColumn(a -> a.thresholdPercent() + " %").setHeader("Threshold").setAutoWidth(true);
        alerts.addColumn(a -> a.topDefect() == null ? "" : a.topDefect()).setHeader("Top defect").setAutoWidth(true);
        alerts.addColumn(a -> a.acknowledged() ? "by " + a.acknowledgedBy() : "open").setHeader("Acknowledged")
                .setAutoWidth(true);
        alerts.addColumn(a -> a.notes() == null ? "" : a.notes()).setHeader("Notes").setFlexGrow(1);
        Grids.actions(alerts.addComponentColumn(a -> new Button(a.acknowledged() ? "Notes…" : "Acknowledge…",
                e -> acknowledgeDialog(a).open())));
        alerts.setItems(alertList);
        alerts.setAllRowsVisible(true);
        alerts.addThemeVariants(GridVariant.LUMO_COMPACT);

        lots.addColumn(LotClaimRate::product).setHeader("Product").setAutoWidth(true).setSortable(true);
        lots.addColumn(LotClaimRate::lot).setHeader("Lot").setAutoWidth(true).setSortable(true);
        lots.addColumn(r -> r.facilityCode() + "/" + r.lineCode()).setHeader("Line").setAutoWidth(true).setSortable(true);
        lots.addColumn(LotClaimRate::units).setHeader("Units").setAutoWidth(true).setSortable(true);
        lots.addColumn(LotClaimRate::claims).setHeader("Claims").setAutoWidth(true).setSortable(true);
        lots.addColumn(LotClaimRate::ratePercent).setHeader("Claim rate %").setAutoWidth(true).setSortable(true);
        lots.addColumn(LotClaimRate::thresholdPercent).setHeader("Threshold %").setAutoWidth(true);
        lots.addComponentColumn(r -> r.aboveThreshold() ? Badges.badge("Above threshold", "error") : new Span())
                .setHeader("").setAutoWidth(true);
        lots.setPartNameGenerator(r -> r.aboveThreshold() ? "above-threshold" : null);
        lots.addColumn(r -> r.topDefect() == null ? "" : r.topDefect().label()).setHeader("Top defect").setKey("topDefect").setAutoWidth(true);
        lots.setItems(lotRates);
        lots.setAllRowsVisible(true);
        lots.addThemeVariants(GridVariant.LUMO_COMPACT);
        lots.addItemClickListener(e -> drillDown(e.getItem()));

        var perLot = new LinkedHashMap<String, Double>();
        lotRates.stream().filter(r -> r.claims() > 0).forEach(r -> perLot.put(r.lot(), r.ratePercent()));
        var weeks = new LinkedHashMap<String, Long>();
        dashboard.claimsPerWeek(QualityTables.WEEKS).forEach((w, n) -> weeks.put(w.toString(), n));

        add(kpis, new H3("Quality alerts"), alerts,
                Exports.link("Export alerts to Excel", () -> QualityTables.alerts(dashboard.alerts())),
                new H3("Claim rate per lot (click a lot for its claims)"), lotFilter, lots,
                Exports.link("Export lots to Excel", () -> QualityTables.lotRates(dashboard.lotRates())),
                new FigurePanel("Claim rate per lot", "Claim rate %", FigurePanel.Kind.BAR, perLot)
                        .withThreshold(lotThreshold(lotRates), "threshold " + lotThreshold(lotRates) + " %")
                        .onSelect(lot -> lotRates.stream().filter(r -> r.lot().equals(lot)).findFirst()
                                .ifPresent(this::drillDown)),
                new FigurePanel("Claims per week of failure", "Claims", FigurePanel.Kind.LINE, weeks),
                Exports.link("Export claims per week to Excel",
                        () -> QualityTables.claimsPerWeek(dashboard.claimsPerWeek(QualityTables.WEEKS))));
        for (RateDimension d : QualityTables.RATE_DIMENSIONS) {
            var rates = dashboard.rates(d);
            var figures = new LinkedHashMap<String, Double>();
            rates.forEach(r -> figures.put(r.group(), r.ratePercent()));
            var panel = new FigurePanel("Claim rate per " + d.label().toLowerCase(), "Claim rate %",
                    FigurePanel.Kind.BAR, figures);
            if (d == RateDimension.PRODUCT) {
                panel.onSelect(this::showLotsOf);
            } else if (d == RateDimension.DEFECT) {
                panel.onSelect(defect -> getUI().ifPresent(ui -> ui.navigate(QualityClaimsView.class,
                        QueryParameters.simple(Map.of("defect", defect)))));
            }
            add(panel);
            add(rateGrid(d, rates), Exports.link("Export " + d.label().toLowerCase() + " rates to Excel",
                    () -> QualityTables.rates(d, dashboard.rates(d))));
        }
    }

    private Grid<ClaimRate> rateGrid(RateDimension d, List<ClaimRate> rates) {
        var grid = new Grid<ClaimRate>();
        grid.addColumn(ClaimRate::group).setHeader(d.label()).setAutoWidth(true);
        grid.addColumn(ClaimRate::units).setHeader("Units").setAutoWidth(true);
        grid.addColumn(ClaimRate::claims).setHeader("Claims").setAutoWidth(true);
        grid.addColumn(ClaimRate::ratePercent).setHeader("Claim rate %").setAutoWidth(true);
        grid.setItems(rates);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setId("rates-" + d.name().toLowerCase());
        if (d == RateDimension.PRODUCT) {
            // product -> its lots: the lot table above shows only that product's lots
            grid.addItemClickListener(e -> showLotsOf(e.getItem().group()));
        }
        if (d == RateDimension.DEFECT) {
            grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(QualityClaimsView.class,
                    QueryParameters.simple(Map.of("defect", e.getItem().group())))));
        }
        return grid;
    }

    /** Shows only the lots of one product in the lot table, with a way back to all lots. */
    void showLotsOf(String product) {
        var rates = dashboard.lotRates().stream().filter(r -> r.product().equals(product) || r.gtin().equals(product))
                .toList();
        lots.setItems(rates);
        lotFilter.removeAll();
        var all = new Button("Show all lots", e -> {
            lots.setItems(dashboard.lotRates());
            lotFilter.removeAll();
        });
        all.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        lotFilter.add(new Span("Lots of " + product + " (" + rates.size() + ") "), all);
        lots.scrollIntoView();
    }

    /** The threshold the lots shown share; the default when their products have different ones. */
    static double lotThreshold(List<LotClaimRate> rates) {
        var thresholds = rates.stream().filter(r -> r.claims() > 0).map(LotClaimRate::thresholdPercent).distinct().toList();
        return thresholds.size() == 1 ? thresholds.getFirst() : QualityDashboard.DEFAULT_THRESHOLD_PERCENT;
    }

    private void fillKpis(List<QualityAlertView> alertList, List<LotClaimRate> lotRates) {
        kpis.removeAll();
        kpis.add(new Kpi("Open alerts", alertList.stream().filter(a -> !a.acknowledged()).count()),
                new Kpi("Lots above threshold", lotRates.stream().filter(LotClaimRate::aboveThreshold).count()),
                new Kpi("Claims counted", lotRates.stream().mapToLong(LotClaimRate::claims).sum()));
    }

    void drillDown(LotClaimRate lot) {
        getUI().ifPresent(ui -> ui.navigate(QualityClaimsView.class,
                QueryParameters.simple(Map.of("gtin", lot.gtin(), "lot", lot.lot()))));
    }

    private Dialog acknowledgeDialog(QualityAlertView alert) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Alert for lot " + alert.lot());
        var notes = new TextArea("Notes");
        notes.setWidth("32rem");
        notes.setValue(alert.notes() == null ? "" : alert.notes());
        var save = new Button(alert.acknowledged() ? "Save notes" : "Acknowledge", e -> {
            try {
                dashboard.acknowledge(alert.id(), alert.version(), notes.getValue());
                dialog.close();
                Notifications.success("Alert for lot " + alert.lot() + " acknowledged");
                var fresh = dashboard.alerts();
                alerts.setItems(fresh);
                fillKpis(fresh, dashboard.lotRates());
            } catch (IllegalArgumentException | ClaimConflictException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        dialog.add(notes);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        return dialog;
    }
}

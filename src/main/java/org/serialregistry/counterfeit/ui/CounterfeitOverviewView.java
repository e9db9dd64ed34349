package org.serialregistry.counterfeit.ui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.CaseState;
import org.serialregistry.counterfeit.CounterfeitStatistics;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.ui.EChart;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.ui.Grids;
import org.serialregistry.ui.Kpi;

/**
 * The Counterfeit workspace: cases over time by signal type, by country and by product, the most
 * cloned serials and the clients that probe most. Every chart sits beside its table.
 */
@Route("counterfeit")
@PageTitle("Counterfeit overview")
@Menu(title = "Overview", order = 62, icon = "vaadin:shield")
@RolesAllowed({Role.FORENSICS_NAME, Role.CHANNEL_NAME})
class CounterfeitOverviewView extends VerticalLayout {

    static final int DAYS = 30;

    /** One row of the cases-over-time table. */
    record DayRow(LocalDate day, SignalType type, long cases) {
    }

    final EChart timeline = new EChart();
    final Grid<DayRow> timelineTable = new Grid<>();
    final Grid<CounterfeitStatistics.ClonedSerial> cloned = new Grid<>();

    CounterfeitOverviewView(AlertCases cases, MasterData masterData) {
        var stats = cases.statistics(DAYS);
        var all = cases.search(new CaseQuery(null, null, null, 1000));
        long open = all.stream().filter(c -> c.state().open()).count();
        long high = all.stream().filter(c -> c.state().open() && c.severity().high()).count();
        long confirmed = all.stream().filter(c -> c.state() == CaseState.CONFIRMED_COUNTERFEIT).count();
        var kpis = new HorizontalLayout(new Kpi("Open cases", open), new Kpi("Open, high severity", high),
                new Kpi("Confirmed counterfeit", confirmed));
        kpis.setWrap(true);
        add(new Paragraph("Alert cases of the last " + DAYS + " days, by the day of their first scan."), kpis);

        // cases over time by signal type: stacked bars + table
        var days = new ArrayList<>(stats.casesPerDayByType().keySet());
        var labels = days.stream().map(LocalDate::toString).toList();
        var series = new LinkedHashMap<String, List<? extends Number>>();
        var rows = new ArrayList<DayRow>();
        for (SignalType t : SignalType.values()) {
            var values = days.stream().map(d -> stats.casesPerDayByType().get(d).getOrDefault(t, 0L)).toList();
            if (values.stream().anyMatch(v -> v > 0)) {
                series.put(t.label(), values);
            }
        }
        stats.casesPerDayByType().forEach((day, byType) -> byType.forEach((t, n) -> rows.add(new DayRow(day, t, n))));
        var option = EChart.bar("Cases over time by signal type", labels, series);
        @SuppressWarnings("unchecked")
        var list = (List<Map<String, Object>>) option.get("series");
        var stacked = new ArrayList<Map<String, Object>>();
        list.forEach(m -> {
            var copy = new LinkedHashMap<>(m);
            copy.put("stack", "cases");
            stacked.add(copy);
        });
        option.put("series", stacked);
        timeline.setOption(option).setAriaLabel("Cases over time by signal type");
        timeline.setWidth("min(100%, 48rem)");
        timelineTable.addColumn(DayRow::day).setHeader("Day").setAutoWidth(true);
        timelineTable.addColumn(r -> r.type().label()).setHeader("Signal").setFlexGrow(1);
        timelineTable.addColumn(DayRow::cases).setHeader("Cases").setAutoWidth(true);
        timelineTable.setItems(rows);
        Grids.wrapping(timelineTable).addThemeVariants(GridVariant.LUMO_COMPACT);
        timelineTable.setHeight("20rem");
        timelineTable.setWidth("min(100%, 28rem)");
        var row = new FlexLayout(timeline, timelineTable);
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.getStyle().set("gap", "var(--lumo-space-l)");
        row.setWidthFull();
        add(new H3("Cases over time by signal type"), row);

        add(new FigurePanel("Cases by country", "Cases", FigurePanel.Kind.BAR, stats.casesByCountry()));
        var names = new LinkedHashMap<String, Long>();
        var productNames = masterData.products().stream()
                .collect(java.util.stream.Collectors.toMap(p -> p.gtin().value(), ProductView::name));
        stats.casesByProduct().forEach((gtin, n) -> names.merge(productNames.getOrDefault(gtin, gtin), n, Long::sum));
        add(new FigurePanel("Cases by product", "Cases", FigurePanel.Kind.PIE, names));

        cloned.addColumn(CounterfeitStatistics.ClonedSerial::serial).setHeader("Serial").setAutoWidth(true);
        cloned.addColumn(c -> productNames.getOrDefault(c.gtin(), c.gtin() == null ? "" : c.gtin())).setHeader("Product")
                .setAutoWidth(true);
        cloned.addColumn(CounterfeitStatistics.ClonedSerial::sessions).setHeader("Sessions in evidence").setAutoWidth(true);
        cloned.addColumn(CounterfeitStatistics.ClonedSerial::countries).setHeader("Countries").setAutoWidth(true);
        cloned.addColumn(CounterfeitStatistics.ClonedSerial::signals).setHeader("Signals").setAutoWidth(true);
        cloned.setItems(stats.mostCloned());
        cloned.setAllRowsVisible(true);
        Grids.wrapping(cloned).addThemeVariants(GridVariant.LUMO_COMPACT);
        add(new H3("Most cloned serials"), cloned);

        var probers = new Grid<CounterfeitStatistics.ProbingClient>();
        probers.addColumn(p -> AlertCasesView.abbreviate(p.clientKey())).setHeader("Client (keyed hash)").setAutoWidth(true);
        probers.addColumn(CounterfeitStatistics.ProbingClient::badCodes).setHeader("Bad codes in evidence").setAutoWidth(true);
        probers.addColumn(CounterfeitStatistics.ProbingClient::signals).setHeader("Signals").setAutoWidth(true);
        probers.setItems(stats.topProbers());
        probers.setAllRowsVisible(true);
        Grids.wrapping(probers).addThemeVariants(GridVariant.LUMO_COMPACT);
        add(new H3("Clients that probe most"), probers);
    }
}

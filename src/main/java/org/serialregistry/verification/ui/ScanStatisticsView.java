package org.serialregistry.verification.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.ui.Kpi;
import org.serialregistry.verification.ScanFilter;
import org.serialregistry.verification.ScanLog;
import org.serialregistry.verification.ScanOutcome;

/** Scans per day (last 30 days) and per country, each as a chart beside its table. */
@Route("verification/statistics")
@PageTitle("Scan statistics")
@Menu(title = "Scan statistics", order = 61, icon = "vaadin:chart")
@RolesAllowed({Role.CHANNEL_NAME, Role.FORENSICS_NAME})
class ScanStatisticsView extends VerticalLayout {

    final FigurePanel perDay;
    final FigurePanel perCountry;

    ScanStatisticsView(ScanLog scans, Clock clock) {
        LocalDate from = LocalDate.now(clock).minusDays(29);
        var last30 = new ScanFilter(null, null, null, from, null);
        var days = new LinkedHashMap<String, Long>();
        scans.perDay(last30).forEach((day, n) -> days.put(day.toString(), n));
        perDay = new FigurePanel("Scans per day (last 30 days, UTC)", "Scans", FigurePanel.Kind.BAR, days);
        perCountry = new FigurePanel("Scans per country (last 30 days)", "Scans", FigurePanel.Kind.BAR,
                scans.perCountry(last30));
        var suspect = new ScanFilter(null, ScanOutcome.FORGED, null, from, null);
        var notIssued = new ScanFilter(null, ScanOutcome.NOT_ISSUED, null, from, null);
        var kpis = new com.vaadin.flow.component.orderedlayout.FlexLayout(kpi("Scans", scans.count(last30)),
                kpi("People", scans.people(last30)), kpi("Forged codes", scans.count(suspect)),
                kpi("Never issued (key leak!)", scans.count(notIssued)));
        kpis.setFlexWrap(com.vaadin.flow.component.orderedlayout.FlexLayout.FlexWrap.WRAP);
        kpis.getStyle().set("gap", "var(--lumo-space-m)");
        add(kpis, perDay, perCountry);
    }

    private static com.vaadin.flow.component.Component kpi(String label, long value) {
        return new Kpi(label, Long.toString(value));
    }
}

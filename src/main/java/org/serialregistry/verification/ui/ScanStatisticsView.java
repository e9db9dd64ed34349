package org.serialregistry.verification.ui;

import java.util.LinkedHashMap;

import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.ui.Kpi;
import org.serialregistry.verification.ScanLog;

/**
 * Scans per day (last 30 days) and per country, each as a chart beside its table. The figures are
 * {@link ScanLog#statistics}, which {@code GET /api/v1/scans/statistics} answers too.
 */
@Route("verification/statistics")
@PageTitle("Scan statistics")
@Menu(title = "Scan statistics", order = 61, icon = "vaadin:chart")
@RolesAllowed({Role.CHANNEL_NAME, Role.FORENSICS_NAME})
class ScanStatisticsView extends VerticalLayout {

    final FigurePanel perDay;
    final FigurePanel perCountry;

    ScanStatisticsView(ScanLog scans) {
        var figures = scans.statistics(null, null);
        var days = new LinkedHashMap<String, Long>();
        figures.perDay().forEach((day, n) -> days.put(day.toString(), n));
        perDay = new FigurePanel("Scans per day (last " + ScanLog.STATISTICS_DAYS + " days, UTC)", "Scans",
                FigurePanel.Kind.BAR, days);
        perCountry = new FigurePanel("Scans per country (last " + ScanLog.STATISTICS_DAYS + " days)", "Scans",
                FigurePanel.Kind.BAR, figures.perCountry());
        var kpis = new FlexLayout(kpi("Scans", figures.scans()), kpi("People", figures.people()),
                kpi("Forged codes", figures.forged()), kpi("Never issued (key leak!)", figures.notIssued()));
        kpis.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        kpis.getStyle().set("gap", "var(--lumo-space-m)");
        add(kpis, perDay, perCountry);
    }

    private static Kpi kpi(String label, long value) {
        return new Kpi(label, Long.toString(value));
    }
}

package org.serialregistry.serial.ui;

import java.util.LinkedHashMap;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.Units;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.ui.Kpi;

/** Production workspace home: how much was issued, for which products, the latest batches, and the chain check. */
@Route("production")
@PageTitle("Production")
@Menu(title = "Overview", order = 20, icon = "vaadin:factory")
@RolesAllowed({Role.PRODUCTION_NAME})
class ProductionHomeView extends VerticalLayout {

    ProductionHomeView(SerialIssuance issuance, Units units, MasterData masterData) {
        var kpis = new FlexLayout(new Kpi("Units issued", String.format("%,d", units.unitCount())),
                new Kpi("Batches", String.format("%,d", issuance.batchCount())),
                new Kpi("Products", masterData.products().size()),
                new Kpi("Facilities", masterData.facilities().size()));
        kpis.getStyle().set("gap", "var(--lumo-space-m)");
        kpis.setFlexWrap(FlexLayout.FlexWrap.WRAP);

        var perDay = new LinkedHashMap<String, Long>();
        issuance.unitsPerDay(30).forEach((day, n) -> perDay.put(day.toString(), n));

        var latest = new BatchGrid();
        latest.setItems(issuance.latestBatches(10));
        latest.setAllRowsVisible(true);
        latest.addItemClickListener(e -> latest.getUI().ifPresent(ui -> ui.navigate(BatchDetailView.class,
                BatchDetailView.query(e.getItem().id()))));

        add(kpis,
                new FigurePanel("Units issued per product", "Units", FigurePanel.Kind.BAR, issuance.unitsPerProduct()),
                new FigurePanel("Units issued per production day, last 30 days", "Units", FigurePanel.Kind.BAR, perDay),
                new H3("Latest batches"), latest,
                new RouterLink("All batches and issuing serials", BatchesView.class),
                new H3("Lifecycle event log"),
                new Paragraph("Every lifecycle event hashes its predecessor; a check recomputes the whole chain."),
                new EventChainCheck(units));
    }
}

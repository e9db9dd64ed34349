package org.serialregistry.serial.ui;

import java.util.LinkedHashMap;
import java.util.stream.Collectors;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.FacilityView;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.ui.Kpi;

/** Production workspace home: the catalogue and the plants that issue serials, with figures. */
@Route("production")
@PageTitle("Production")
@Menu(title = "Production", order = 20, icon = "vaadin:factory")
@RolesAllowed({Role.PRODUCTION_NAME})
class ProductionHomeView extends VerticalLayout {

    ProductionHomeView(MasterData masterData) {
        var products = masterData.products();
        var facilities = masterData.facilities();
        int lines = facilities.stream().mapToInt(f -> f.lines().size()).sum();

        var kpis = new FlexLayout(new Kpi("Products", products.size()), new Kpi("Facilities", facilities.size()),
                new Kpi("Production lines", lines));
        kpis.getStyle().set("gap", "var(--lumo-space-m)");
        kpis.setFlexWrap(FlexLayout.FlexWrap.WRAP);

        var perCategory = new LinkedHashMap<String, Long>();
        masterData.productsPerCategory().forEach((c, n) -> perCategory.put(c.label(), n));
        var perFacility = new LinkedHashMap<String, Integer>();
        facilities.forEach(f -> perFacility.put(f.code(), f.lines().size()));

        var productGrid = new Grid<ProductView>();
        productGrid.addColumn(p -> p.gtin().value()).setHeader("GTIN").setAutoWidth(true);
        productGrid.addColumn(ProductView::name).setHeader("Name").setAutoWidth(true);
        productGrid.addColumn(p -> p.category().label()).setHeader("Category").setAutoWidth(true);
        productGrid.addColumn(p -> p.riskClass().label()).setHeader("Risk class").setAutoWidth(true);
        productGrid.addColumn(p -> p.intendedMarkets().stream().map(m -> m.value()).sorted()
                .collect(Collectors.joining(", "))).setHeader("Intended markets").setAutoWidth(true);
        productGrid.setItems(products);
        productGrid.setAllRowsVisible(true);

        var facilityGrid = new Grid<FacilityView>();
        facilityGrid.addColumn(FacilityView::code).setHeader("Facility").setAutoWidth(true);
        facilityGrid.addColumn(FacilityView::number).setHeader("No.").setAutoWidth(true);
        facilityGrid.addColumn(FacilityView::name).setHeader("Name").setAutoWidth(true);
        facilityGrid.addColumn(f -> f.country().value()).setHeader("Country").setAutoWidth(true);
        facilityGrid.addColumn(f -> f.lines().stream().map(l -> l.code() + " " + l.name())
                .collect(Collectors.joining(", "))).setHeader("Lines").setFlexGrow(1);
        facilityGrid.setItems(facilities);
        facilityGrid.setAllRowsVisible(true);

        add(kpis,
                new FigurePanel("Products per category", "Products", FigurePanel.Kind.PIE, perCategory),
                new FigurePanel("Production lines per facility", "Lines", FigurePanel.Kind.BAR, perFacility),
                new H3("Products"), productGrid, new H3("Facilities and lines"), facilityGrid);
    }
}

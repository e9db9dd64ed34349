package org.serialregistry.serial.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.ui.FigurePanel;

/**
 * The product catalogue as a workspace sees it: products per category or per intended market as a
 * chart with its table, and the product list. Shared by the workspaces whose own records build on it.
 */
public class CatalogueOverview extends VerticalLayout {

    /** Which breakdown the workspace cares about. */
    public enum Breakdown { CATEGORY, MARKET }

    public CatalogueOverview(MasterData masterData, Breakdown breakdown) {
        setPadding(false);
        var products = masterData.products();
        Map<String, Long> figures = new LinkedHashMap<>();
        if (breakdown == Breakdown.CATEGORY) {
            masterData.productsPerCategory().forEach((c, n) -> figures.put(c.label(), n));
            add(new FigurePanel("Products per category", "Products", FigurePanel.Kind.PIE, figures));
        } else {
            figures.putAll(masterData.productsPerMarket());
            add(new FigurePanel("Products intended per market", "Products", FigurePanel.Kind.BAR, figures));
        }
        var grid = new Grid<ProductView>();
        grid.addColumn(p -> p.gtin().value()).setHeader("GTIN").setAutoWidth(true);
        grid.addColumn(ProductView::name).setHeader("Product").setAutoWidth(true);
        grid.addColumn(p -> p.category().label()).setHeader("Category").setAutoWidth(true);
        grid.addColumn(p -> p.riskClass().label()).setHeader("Risk class").setAutoWidth(true);
        grid.addColumn(p -> p.intendedMarkets().stream().map(m -> m.value()).sorted()
                .collect(Collectors.joining(", "))).setHeader("Intended markets").setFlexGrow(1);
        grid.setItems(products);
        grid.setAllRowsVisible(true);
        add(new H3("Products"), grid);
    }
}

package org.serialregistry.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * One set of figures shown twice: as a chart for the eye and as a table for exact numbers.
 * Labels keep the order of the map given.
 */
public class FigurePanel extends VerticalLayout {

    public enum Kind { BAR, PIE, LINE }

    /** One row of the table. */
    public record Figure(String label, Number value) {
    }

    private final EChart chart = new EChart();
    private final Grid<Figure> table = new Grid<>();
    private final String title;
    private final String valueHeader;

    public FigurePanel(String title, String valueHeader, Kind kind, Map<String, ? extends Number> values) {
        this.title = title;
        this.valueHeader = valueHeader;
        setPadding(false);
        add(new H3(title));
        var rows = new ArrayList<Figure>();
        values.forEach((k, v) -> rows.add(new Figure(k, v)));

        chart.setAriaLabel(title);
        List<String> labels = rows.stream().map(Figure::label).toList();
        List<Number> numbers = rows.stream().map(Figure::value).toList();
        // The heading above names the chart; a title inside the chart would only repeat it
        chart.setOption(switch (kind) {
            case PIE -> EChart.pie(null, values);
            case LINE -> EChart.line(null, labels, Map.of(valueHeader, numbers));
            case BAR -> EChart.bar(null, labels, Map.of(valueHeader, numbers));
        });
        chart.setWidth("min(100%, 36rem)");

        table.addColumn(Figure::label).setHeader("").setFlexGrow(1);
        table.addColumn(Figure::value).setHeader(valueHeader).setAutoWidth(true);
        table.setItems(rows);
        table.setAllRowsVisible(true);
        // the label names the row: it wraps rather than being cut (product names are long)
        table.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        table.setWidth("min(100%, 24rem)");

        var row = new FlexLayout(chart, table);
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.getStyle().set("gap", "var(--lumo-space-l)");
        row.setWidthFull();
        add(row);
    }

    /**
     * Draws a threshold on a bar chart: a line at {@code threshold} and the bars above it in the
     * error colour; the table marks the same rows.
     */
    public FigurePanel withThreshold(double threshold, String label) {
        var rows = getFigures();
        chart.setOption(EChart.barWithThreshold(rows.stream().map(Figure::label).toList(), valueHeader,
                rows.stream().map(Figure::value).toList(), threshold, label));
        table.setPartNameGenerator(f -> f.value().doubleValue() > threshold ? "above-threshold" : null);
        return this;
    }

    /** Calls {@code selected} with the label of a bar or of a table row that is clicked: a drill-down. */
    public FigurePanel onSelect(java.util.function.Consumer<String> selected) {
        chart.addSelectListener(selected);
        table.addItemClickListener(e -> selected.accept(e.getItem().label()));
        return this;
    }

    /** The heading above the chart and its table. */
    public String getTitle() {
        return title;
    }

    public EChart getChart() {
        return chart;
    }

    public List<Figure> getFigures() {
        return table.getGenericDataView().getItems().toList();
    }
}

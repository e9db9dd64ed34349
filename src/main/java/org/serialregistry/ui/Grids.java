package org.serialregistry.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.function.ValueProvider;

/**
 * Grid habits that keep what matters visible at any width (checked in a real browser by
 * {@code WorkspaceLayoutIT}, which fails when a grid scrolls sideways at 1440 px or cuts a key column
 * or an action): the key column sized to its content and frozen at the start, row actions frozen at
 * the end, long text wrapped rather than cut. New grids are built with {@link #columns(Grid)}, which
 * makes each column say what kind it is, so that the widths add up by construction.
 */
public final class Grids {

    private Grids() {
    }

    /** The column that names a row (claim number, serial, product): sized to content, never scrolled away. */
    public static <T> Grid.Column<T> key(Grid.Column<T> column) {
        return column.setAutoWidth(true).setFlexGrow(0).setFrozen(true);
    }

    /** The buttons of a row: sized to them and frozen at the end, so that they stay visible when the grid scrolls. */
    public static <T> Grid.Column<T> actions(Grid.Column<T> column) {
        return column.setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true);
    }

    /** Long text (reasons, descriptions, lists) wraps inside its cell instead of being cut. */
    public static <G extends Grid<?>> G wrapping(G grid) {
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        return grid;
    }

    /** Builds the columns of {@code grid} by kind; the grid wraps long text and uses compact rows. */
    public static <T> Columns<T> columns(Grid<T> grid) {
        wrapping(grid).addThemeVariants(GridVariant.LUMO_COMPACT);
        return new Columns<>(grid);
    }

    /**
     * Columns by kind. Only the key and short values are sized to their content; text of any length
     * starts narrow and takes the room that is left, wrapped, with the whole text as a tooltip; row
     * actions stay at the end. So the widths that content can push are only those of short values.
     */
    public static final class Columns<T> {

        private final Grid<T> grid;

        private Columns(Grid<T> grid) {
            this.grid = grid;
        }

        /** The column that names the row: sized to content, frozen at the start. */
        public Grid.Column<T> key(String header, ValueProvider<T, ?> value) {
            return Grids.key(grid.addColumn(value).setHeader(header));
        }

        /** A short value (a date, a number, a code, a state): sized to content, never grows. */
        public Grid.Column<T> value(String header, ValueProvider<T, ?> value) {
            return grid.addColumn(value).setHeader(header).setAutoWidth(true).setFlexGrow(0);
        }

        /**
         * Text of any length (names, reasons, lists): at least {@code width} wide, it grows into the
         * room that is left by {@code grow}, wraps, and shows the whole text as a tooltip.
         */
        public Grid.Column<T> text(String header, ValueProvider<T, String> value, String width, int grow) {
            ValueProvider<T, String> orEmpty = row -> {
                String text = value.apply(row);
                return text == null ? "" : text;
            };
            return grid.addColumn(orEmpty).setHeader(header).setWidth(width).setFlexGrow(grow)
                    .setTooltipGenerator(orEmpty::apply);
        }

        /**
         * A code as it was scanned (a serial or a whole Digital Link): starts at 12rem, grows, and
         * breaks anywhere, since a link has no spaces to wrap at.
         */
        public Grid.Column<T> code(String header, ValueProvider<T, String> value) {
            return text(header, value, "12rem", 1).setPartNameGenerator(row -> "break-anywhere");
        }

        /** A cell drawn by a component (a badge, a link) that is as narrow as {@code width} and may grow. */
        public Grid.Column<T> component(String header, ValueProvider<T, ? extends Component> cell, String width) {
            return grid.addComponentColumn(cell).setHeader(header).setWidth(width).setFlexGrow(0);
        }

        /** The row's buttons: sized to them, frozen at the end. */
        public Grid.Column<T> actions(ValueProvider<T, ? extends Component> buttons) {
            return Grids.actions(grid.addComponentColumn(buttons).setHeader(""));
        }
    }
}

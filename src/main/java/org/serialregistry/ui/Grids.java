package org.serialregistry.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;

/**
 * Grid habits that keep what matters visible at any width (checked in a real browser by
 * {@code WorkspaceLayoutIT}): the key column sized to its content and frozen at the start, row
 * actions frozen at the end, long text wrapped rather than cut.
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
}

package org.serialregistry.custody.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import org.serialregistry.custody.CustodyMovement;
import org.serialregistry.custody.ShipmentView;

/** Grids the custody views share. */
final class ShipmentGrids {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private ShipmentGrids() {
    }

    static Grid<ShipmentView> shipments() {
        var grid = new Grid<ShipmentView>();
        grid.addColumn(ShipmentView::shipmentNumber).setHeader("Shipment").setAutoWidth(true);
        grid.addColumn(ShipmentView::fromParty).setHeader("From").setAutoWidth(true);
        grid.addColumn(ShipmentView::toParty).setHeader("To").setAutoWidth(true);
        grid.addColumn(ShipmentView::unitCount).setHeader("Units").setAutoWidth(true);
        grid.addColumn(s -> s.status().label()).setHeader("Status").setAutoWidth(true);
        grid.addColumn(ShipmentView::divertedCount).setHeader("Diverted").setAutoWidth(true);
        grid.addColumn(s -> TIME.format(s.shippedAt())).setHeader("Shipped (UTC)").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setHeight("20rem");
        return grid;
    }

    static Grid<CustodyMovement> movements() {
        var grid = new Grid<CustodyMovement>();
        grid.addColumn(m -> TIME.format(m.eventTime())).setHeader("When (UTC)").setAutoWidth(true);
        grid.addColumn(m -> m.bizStep().cbv()).setHeader("Step").setAutoWidth(true);
        grid.addColumn(CustodyMovement::serial).setHeader("Serial").setAutoWidth(true);
        grid.addColumn(CustodyMovement::lot).setHeader("Lot").setAutoWidth(true);
        grid.addColumn(m -> m.fromParty() == null ? "" : m.fromParty()).setHeader("From").setAutoWidth(true);
        grid.addColumn(m -> m.toParty() == null ? "end customer" : m.toParty()).setHeader("To").setAutoWidth(true);
        grid.addColumn(m -> m.shipmentNumber() == null ? "" : m.shipmentNumber()).setHeader("Shipment").setAutoWidth(true);
        grid.addColumn(m -> m.references() == null ? "" : m.references()).setHeader("References").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        return grid;
    }
}

package org.serialregistry.custody.ui;

import java.util.List;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.custody.ManifestImport;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.Shipments;
import org.serialregistry.custody.ShipmentView;
import org.serialregistry.custody.Shipping;
import org.serialregistry.security.Role;
import org.springframework.core.task.AsyncTaskExecutor;

/** Distributor workspace: ship units the distributor holds to its customers, and see its recent shipments. */
@Route("distributor/ship")
@PageTitle("Ship units")
@Menu(title = "Ship units", order = 81, icon = "vaadin:truck")
@RolesAllowed(Role.DISTRIBUTOR_NAME)
class DistributorShipView extends VerticalLayout {

    DistributorShipView(Shipments shipments, Shipping shipping, ManifestImport manifests, Parties parties,
                        AsyncTaskExecutor background) {
        var party = parties.actingParty().flatMap(parties::find);
        if (party.isEmpty()) {
            add(new Paragraph("Your account is bound to no party. Ask an administrator to bind it to your distributor."));
            return;
        }
        var recent = ShipmentGrids.shipments();
        recent.setItems(shipments.recent(party.get().code(), 100));
        var receivers = parties.all().stream().filter(p -> !p.code().equals(party.get().code())).toList();
        add(new ShipForm(shipping, manifests, List.of(party.get()), receivers,
                        s -> recent.setItems(shipments.recent(party.get().code(), 100)), background),
                new H3("Recent shipments"), recent);
    }
}

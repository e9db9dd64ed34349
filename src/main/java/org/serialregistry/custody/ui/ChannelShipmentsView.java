package org.serialregistry.custody.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.custody.ManifestImport;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.Shipments;
import org.serialregistry.custody.Shipping;
import org.serialregistry.security.Role;
import org.springframework.core.task.AsyncTaskExecutor;

/** Channel workspace: record shipments between any parties, by form or manifest, and see recent ones. */
@Route("channel/shipments")
@PageTitle("Shipments")
@Menu(title = "Shipments", order = 52, icon = "vaadin:cart")
@RolesAllowed(Role.CHANNEL_NAME)
class ChannelShipmentsView extends VerticalLayout {

    ChannelShipmentsView(Shipments shipments, Shipping shipping, ManifestImport manifests, Parties parties,
                         AsyncTaskExecutor background) {
        var recent = ShipmentGrids.shipments();
        recent.setItems(shipments.recent(null, 200));
        var all = parties.all();
        add(new ShipForm(shipping, manifests, all, all, s -> recent.setItems(shipments.recent(null, 200)), background),
                new H3("Recent shipments"), recent);
    }
}

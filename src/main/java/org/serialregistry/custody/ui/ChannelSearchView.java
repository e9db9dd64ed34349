package org.serialregistry.custody.ui;

import org.serialregistry.ui.CodeInput;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.custody.Custody;
import org.serialregistry.custody.CustodyMovement;
import org.serialregistry.security.Role;
import org.serialregistry.ui.Notifications;

/** Channel workspace: find custody events by serial, lot, shipment or party; a serial shows its timeline. */
@Route("channel/search")
@PageTitle("Custody search")
@Menu(title = "Custody search", order = 51, icon = "vaadin:search")
@RolesAllowed(Role.CHANNEL_NAME)
class ChannelSearchView extends VerticalLayout {

    final TextField serial = new TextField("Serial");
    final TextField lot = new TextField("Lot");
    final TextField shipment = new TextField("Shipment");
    final TextField party = new TextField("Party");
    final Div summary = new Div();
    final com.vaadin.flow.component.grid.Grid<CustodyMovement> results = ShipmentGrids.movements();

    ChannelSearchView(Custody custody) {
        CodeInput.configure(serial).setHelperText(null);
        var search = new Button("Search", e -> {
            try {
                List<CustodyMovement> found = custody.search(serial.getValue(), lot.getValue(), shipment.getValue(),
                        party.getValue(), 2000);
                summary.removeAll();
                serial.setInvalid(false);
                if (!serial.getValue().isBlank()) {
                    var code = CodeInput.read(serial);
                    if (code.isEmpty()) {
                        results.setItems(List.of());
                        return;
                    }
                    String s = code.get().serial().value();
                    var holder = custody.holderOf(s);
                    summary.add(new H3("Timeline of " + s));
                    summary.add(new Paragraph(holder.map(h -> "Held by " + (h.holder() == null ? "its maker" : h.holder())
                            + " (" + h.state().name().toLowerCase().replace('_', ' ') + ")"
                            + (h.inTransitTo() == null ? "" : " to " + h.inTransitTo())
                            + "; intended market " + h.intendedMarket()
                            + "; last legitimate holder " + h.lastLegitimateHolder()).orElse("Never issued by this registry")));
                    found = found.reversed();
                }
                results.setItems(found);
                if (found.isEmpty()) {
                    Notifications.error("No custody events match");
                }
            } catch (IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var fields = new FlexLayout(serial, lot, shipment, party, search);
        fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        fields.setAlignItems(Alignment.BASELINE);
        fields.getStyle().set("gap", "var(--lumo-space-m)");
        results.setHeight("28rem");
        add(fields, summary, results);
    }
}

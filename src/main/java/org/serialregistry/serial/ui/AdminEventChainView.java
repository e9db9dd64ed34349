package org.serialregistry.serial.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.Units;

/** For administrators: recompute the lifecycle event log's hash chain (the same check production has). */
@Route("admin/event-chain")
@PageTitle("Event chain")
@Menu(title = "Event chain", order = 13, icon = "vaadin:link")
@RolesAllowed({Role.ADMIN_NAME})
class AdminEventChainView extends VerticalLayout {

    AdminEventChainView(Units units) {
        add(new Paragraph("Every lifecycle event stores the hash of its predecessor. The check recomputes every hash "
                + "from the first event to the last; an edit or deletion anywhere in the log breaks the chain there."),
                new EventChainCheck(units));
    }
}

package org.serialregistry.custody.ui;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.custody.Parties;
import org.serialregistry.security.Role;

/** Channel managers maintain the parties of the supply chain. */
@Route("channel/parties")
@PageTitle("Parties")
@Menu(title = "Parties", order = 53, icon = "vaadin:group")
@RolesAllowed(Role.CHANNEL_NAME)
class ChannelPartiesView extends PartiesView {

    ChannelPartiesView(Parties parties) {
        super(parties);
    }
}

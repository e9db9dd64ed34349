package org.serialregistry.custody.ui;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.custody.Parties;
import org.serialregistry.security.Role;

/** Administrators maintain the parties of the supply chain and bind users to them. */
@Route("admin/parties")
@PageTitle("Supply-chain parties")
@Menu(title = "Supply-chain parties", order = 15, icon = "vaadin:group")
@RolesAllowed(Role.ADMIN_NAME)
class AdminPartiesView extends PartiesView {

    AdminPartiesView(Parties parties) {
        super(parties);
    }
}

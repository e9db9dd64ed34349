package org.serialregistry.returns.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ui.CatalogueOverview;

/** Service centre workspace home. */
@Route("service")
@PageTitle("Service centre")
@Menu(title = "Service centre", order = 70, icon = "vaadin:wrench")
@RolesAllowed(Role.SERVICE_CENTER_NAME)
class ServiceHomeView extends VerticalLayout {

    ServiceHomeView(MasterData masterData) {
        add(new Paragraph("Products you service and repair."), new CatalogueOverview(masterData, CatalogueOverview.Breakdown.CATEGORY));
    }
}

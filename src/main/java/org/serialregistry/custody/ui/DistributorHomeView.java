package org.serialregistry.custody.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ui.CatalogueOverview;

/** Distributor workspace home. */
@Route("distributor")
@PageTitle("Distributor")
@Menu(title = "Distributor", order = 80, icon = "vaadin:package")
@RolesAllowed(Role.DISTRIBUTOR_NAME)
class DistributorHomeView extends VerticalLayout {

    DistributorHomeView(MasterData masterData) {
        add(new Paragraph("Products you may distribute, and their intended markets."), new CatalogueOverview(masterData, CatalogueOverview.Breakdown.MARKET));
    }
}

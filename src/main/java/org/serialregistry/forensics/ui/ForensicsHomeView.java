package org.serialregistry.forensics.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ui.CatalogueOverview;

/** Forensics workspace home. */
@Route("forensics")
@PageTitle("Forensics")
@Menu(title = "Forensics", order = 60, icon = "vaadin:search")
@RolesAllowed(Role.FORENSICS_NAME)
class ForensicsHomeView extends VerticalLayout {

    ForensicsHomeView(MasterData masterData) {
        add(new Paragraph("Genuine products that suspect units are compared against."), new CatalogueOverview(masterData, CatalogueOverview.Breakdown.CATEGORY));
    }
}

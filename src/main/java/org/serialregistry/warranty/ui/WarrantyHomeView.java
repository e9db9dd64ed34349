package org.serialregistry.warranty.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ui.CatalogueOverview;

/** Warranty workspace home. */
@Route("warranty")
@PageTitle("Warranty")
@Menu(title = "Warranty", order = 40, icon = "vaadin:file-text-o")
@RolesAllowed(Role.WARRANTY_NAME)
class WarrantyHomeView extends VerticalLayout {

    WarrantyHomeView(MasterData masterData) {
        add(new Paragraph("Products under warranty."), new CatalogueOverview(masterData, CatalogueOverview.Breakdown.CATEGORY));
    }
}

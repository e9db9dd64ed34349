package org.serialregistry.quality.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ui.CatalogueOverview;

/** Quality workspace home. */
@Route("quality")
@PageTitle("Quality")
@Menu(title = "Quality", order = 30, icon = "vaadin:chart")
@RolesAllowed(Role.QUALITY_NAME)
class QualityHomeView extends VerticalLayout {

    QualityHomeView(MasterData masterData) {
        add(new Paragraph("Products whose lots you follow."), new CatalogueOverview(masterData, CatalogueOverview.Breakdown.CATEGORY));
    }
}

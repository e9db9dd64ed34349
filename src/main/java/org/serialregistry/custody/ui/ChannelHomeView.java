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

/** Channel workspace home. */
@Route("channel")
@PageTitle("Channel")
@Menu(title = "Channel", order = 50, icon = "vaadin:truck")
@RolesAllowed(Role.CHANNEL_NAME)
class ChannelHomeView extends VerticalLayout {

    ChannelHomeView(MasterData masterData) {
        add(new Paragraph("Products and the markets they are intended for."), new CatalogueOverview(masterData, CatalogueOverview.Breakdown.MARKET));
    }
}

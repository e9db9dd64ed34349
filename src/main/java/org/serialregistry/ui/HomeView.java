package org.serialregistry.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.menu.MenuConfiguration;
import jakarta.annotation.security.PermitAll;

/** The portal's root: sends each user to the first workspace of their roles. */
@Route("")
@PageTitle("Serial Registry")
@PermitAll
class HomeView extends Div implements BeforeEnterObserver {

    HomeView() {
        add(new Paragraph("Your account has no workspace yet. Ask an administrator to assign you a role."));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        MenuConfiguration.getMenuEntries().stream().findFirst()
                .ifPresent(entry -> event.forwardTo(entry.path()));
    }
}

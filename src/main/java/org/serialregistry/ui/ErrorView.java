package org.serialregistry.ui;

import java.util.UUID;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Unexpected failures: a plain message with a reference to find the log entry, never a stack trace. */
@PermitAll
@ParentLayout(MainLayout.class)
class ErrorView extends Div implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Portal error {} on {}", reference, event.getLocation().getPath(), parameter.getCaughtException());
        removeAll();
        add(new H2("Something went wrong"),
                new Paragraph("The page could not be shown. Reference: " + reference
                        + ". Please try again; if it happens again, give this reference to your administrator."));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}

package org.serialregistry.ui;

import com.vaadin.flow.router.BeforeEnterEvent;

/** Record pages addressed by a numeric id in the route ({@code cases/:id}). */
public final class RouteIds {

    private RouteIds() {
    }

    /** The route's {@code id} parameter, or -1 when it is missing or not a number (the page then says so). */
    public static long id(BeforeEnterEvent event) {
        try {
            return Long.parseLong(event.getRouteParameters().get("id").orElse(""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

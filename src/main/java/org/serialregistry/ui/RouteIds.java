package org.serialregistry.ui;

import java.util.Optional;
import java.util.function.LongFunction;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
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

    /**
     * The record with this id, read by {@code find}; when there is none (or the id was not a number),
     * the page says so and offers the way back to the list, and the result is empty.
     *
     * @param noun what the page shows, e.g. "alert case"
     */
    public static <T> Optional<T> findOrSayMissing(VerticalLayout page, long id, LongFunction<Optional<T>> find,
                                                   String noun, String backLabel, String backRoute) {
        Optional<T> found = id < 0 ? Optional.empty() : find.apply(id);
        if (found.isEmpty()) {
            page.add(new Paragraph("There is no " + noun + " " + (id < 0 ? "with that number" : id) + "."),
                    new Button(backLabel, e -> page.getUI().ifPresent(ui -> ui.navigate(backRoute))));
        }
        return found;
    }
}

package org.serialregistry.ui;

import java.util.function.Supplier;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Image;

/** Photos that open large: a thumbnail a person clicks (or activates with Enter) to see it full size. */
public final class Photos {

    private Photos() {
    }

    /**
     * Makes {@code thumbnail} open {@code large} in a dialog titled {@code title}; the image gets a
     * tooltip and keyboard access so that enlarging is discoverable without a mouse.
     */
    public static Image enlargeable(Image thumbnail, Supplier<Image> large, String title) {
        thumbnail.getStyle().set("cursor", "zoom-in");
        thumbnail.getElement().setAttribute("title", "Enlarge " + title);
        thumbnail.getElement().setAttribute("tabindex", "0");
        thumbnail.getElement().setAttribute("role", "button");
        thumbnail.addClickListener(e -> open(large.get(), title));
        thumbnail.getElement().addEventListener("keydown", e -> open(large.get(), title))
                .setFilter("event.key === 'Enter'");
        return thumbnail;
    }

    /** Opens a dialog with the photo at up to the window's size. */
    public static Dialog open(Image large, String title) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(title);
        large.getStyle().set("max-width", "min(90vw, 1600px)").set("max-height", "80vh").set("display", "block");
        dialog.add(large);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
        return dialog;
    }
}

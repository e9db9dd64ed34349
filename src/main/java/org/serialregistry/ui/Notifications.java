package org.serialregistry.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Consistent success and error notifications. */
public final class Notifications {

    private Notifications() {
    }

    public static Notification success(String text) {
        var n = Notification.show(text, 4000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        return n;
    }

    /**
     * An outcome to read that is not an error, such as a claim sent to review: neutral colour,
     * in the corner so that it covers no input.
     */
    public static Notification outcome(String text) {
        var n = Notification.show(text, 8000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_CONTRAST);
        return n;
    }

    /**
     * A problem that belongs to no input. Internal field names in a service's message are turned
     * into words, so that no screen shows {@code maxClaimRatePercent:}; it appears at the top, where
     * it covers no form field.
     */
    public static Notification error(String text) {
        var n = Notification.show(FieldErrors.readable(text), 8000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        return n;
    }
}

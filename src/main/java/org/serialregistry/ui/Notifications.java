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

    public static Notification error(String text) {
        var n = Notification.show(text, 8000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        return n;
    }
}

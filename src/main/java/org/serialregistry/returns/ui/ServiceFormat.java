package org.serialregistry.returns.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.serialregistry.ui.Notifications;
import org.serialregistry.warranty.ClaimConflictException;
import org.springframework.dao.ConcurrencyFailureException;

final class ServiceFormat {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private ServiceFormat() {
    }

    static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (IllegalArgumentException | ClaimConflictException e) {
            Notifications.error(e.getMessage());
        } catch (ConcurrencyFailureException e) {
            Notifications.error("Someone else changed this claim meanwhile; reload it.");
        }
        return false;
    }
}

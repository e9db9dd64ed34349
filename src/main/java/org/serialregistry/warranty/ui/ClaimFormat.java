package org.serialregistry.warranty.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.serialregistry.ui.Notifications;
import org.serialregistry.warranty.ClaimConflictException;
import org.springframework.dao.ConcurrencyFailureException;

/** Small formatting helpers shared by the warranty views. */
final class ClaimFormat {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private ClaimFormat() {
    }

    static String age(Instant since) {
        var d = Duration.between(since, Instant.now());
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(0, d.toMinutes()) + " min";
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** Runs an action and turns the expected refusals into a notification; true when it succeeded. */
    static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (IllegalArgumentException | ClaimConflictException e) {
            Notifications.error(e.getMessage());
        } catch (ConcurrencyFailureException e) {
            Notifications.error("Someone else changed this claim meanwhile. Reload it before deciding.");
        }
        return false;
    }
}

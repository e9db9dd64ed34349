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

    /** How long ago {@code since} was at {@code now}: "2 d 3 h", "5 h 10 min", "4 min". */
    static String age(Instant since, Instant now) {
        var d = Duration.between(since, now);
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(0, d.toMinutes()) + " min";
    }

    /** How long a claim may wait for a person's review before the queue marks it overdue. */
    static final Duration REVIEW_SLA = Duration.ofDays(2);

    /** "Overdue 5 h" or "Due in 1 d 3 h" for a claim waiting for review; "" for one that waits for nobody. */
    static String sla(org.serialregistry.warranty.ClaimView c, Instant now) {
        if (c.state() != org.serialregistry.warranty.ClaimState.NEEDS_REVIEW) {
            return "";
        }
        var due = c.submittedAt().plus(REVIEW_SLA);
        return now.isAfter(due) ? "Overdue " + span(Duration.between(due, now)) : "Due in " + span(Duration.between(now, due));
    }

    private static String span(Duration d) {
        return d.toDays() > 0 ? d.toDays() + " d " + d.toHoursPart() + " h"
                : d.toHours() > 0 ? d.toHours() + " h" : Math.max(1, d.toMinutes()) + " min";
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

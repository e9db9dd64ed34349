package org.serialregistry;

import org.serialregistry.shared.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.ErrorHandler;

/**
 * What a {@code @Scheduled} task's failure logs. A database that cannot be reached (stopped, restarting,
 * a pool that timed out) is an operational state the health endpoint already reports, and the task simply
 * runs again on its next turn: one WARN line, no stack trace (a 30 s outage used to write 1,269 lines of
 * stack traces at ERROR). Anything else is a bug and is logged at ERROR with its stack trace.
 */
class ScheduledTaskErrors implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskErrors.class);

    @Override
    public void handleError(Throwable t) {
        if (Databases.unreachable(t)) {
            log.warn("Scheduled task skipped this turn, the database is unreachable: {}", rootMessage(t));
        } else {
            log.error("Scheduled task failed", t);
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(t);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}

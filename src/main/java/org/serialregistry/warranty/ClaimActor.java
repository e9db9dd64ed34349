package org.serialregistry.warranty;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.security.core.context.SecurityContextHolder;

/** Who and when, as the claim services write them: the caller's user name and the clock to the microsecond. */
final class ClaimActor {

    private ClaimActor() {
    }

    /** The caller's user name, or "system" for work no person started. */
    static String name() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    /** Now, to the microsecond PostgreSQL keeps, so that what is written reads back equal. */
    static Instant now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}

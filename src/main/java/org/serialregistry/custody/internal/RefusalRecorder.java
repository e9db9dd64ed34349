package org.serialregistry.custody.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.CustodyTransferRefused;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a refused transfer in its own transaction: the transfer itself rolls back, the signal
 * that someone tried it stays.
 */
@Component
public class RefusalRecorder {

    private final CustodyStore store;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    RefusalRecorder(CustodyStore store, ApplicationEventPublisher events, AuditTrail audit, Clock clock) {
        this.store = store;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long record(@Nullable String number, @Nullable String from, @Nullable String to, int units,
                       List<String> refused, String reason, String by) {
        var sample = String.join(" ", refused.subList(0, Math.min(20, refused.size())));
        long id = store.insertRefusal(Instant.now(clock).truncatedTo(ChronoUnit.MICROS), number, from, to, units,
                refused.size(), sample, reason, by);
        audit.record("custody.transfer-refused", "shipment", number == null ? "-" : number, null,
                AuditTrail.state("from", from, "to", to, "refused", refused.size(), "reason",
                        reason.length() > 300 ? reason.substring(0, 300) : reason));
        events.publishEvent(new CustodyTransferRefused(id, number, from, to,
                List.copyOf(refused.subList(0, Math.min(1000, refused.size()))), reason));
        return id;
    }
}

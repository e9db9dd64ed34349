package org.serialregistry.custody;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.internal.CustodyStore;
import org.serialregistry.security.CurrentUser;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channel managers working diversion alerts: take one up (it is assigned to them), confirm the
 * diversion or dismiss it as an authorised move, each with the reason, or reopen it. Changes are
 * refused when someone else changed the alert meanwhile, and every change is in the audit log.
 */
@Service
public class DiversionAlerts {

    private static final int MIN_REASON = 5;

    private final CustodyStore store;
    private final CurrentUser currentUser;
    private final AuditTrail audit;
    private final Clock clock;

    DiversionAlerts(CustodyStore store, CurrentUser currentUser, AuditTrail audit, Clock clock) {
        this.store = store;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** Transfers first, then scans abroad, newest first; all statuses when {@code statuses} is empty. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','FORENSICS')")
    public List<DiversionAlert> find(Collection<DiversionStatus> statuses, @Nullable String serial,
                                     @Nullable String lastLegitimateHolder, int limit) {
        return store.alerts(serial, lastLegitimateHolder, statuses.stream().map(Enum::name).toList(), limit);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','FORENSICS')")
    public DiversionAlert get(long id) {
        return store.alert(id).orElseThrow(() -> new NoSuchElementException("Diversion alert " + id + " does not exist"));
    }

    /**
     * Moves an alert on. {@code version} is the version the caller saw: if the alert changed since,
     * nothing is written and {@link ObjectOptimisticLockingFailureException} is thrown.
     *
     * @throws IllegalArgumentException naming what is wrong: a move the alert's status does not allow,
     *                                  or a missing reason for confirming, dismissing or reopening
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public DiversionAlert changeStatus(long id, DiversionStatus to, @Nullable String reason, long version) {
        var before = get(id);
        var from = before.state();
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException("status: an alert that is " + from.label().toLowerCase()
                    + " cannot become " + to.label().toLowerCase());
        }
        String why = reason == null ? "" : reason.strip();
        boolean reopening = to == DiversionStatus.OPEN && from != DiversionStatus.INVESTIGATING;
        if ((to.needsReason() || reopening) && why.length() < MIN_REASON) {
            throw new IllegalArgumentException("reason: say why the alert is " + (reopening ? "reopened"
                    : to == DiversionStatus.CONFIRMED ? "confirmed as a diversion" : "dismissed")
                    + " (at least " + MIN_REASON + " characters)");
        }
        if (why.length() > 1000) {
            throw new IllegalArgumentException("reason: at most 1000 characters");
        }
        String user = currentUser.require();
        String assignee = to == DiversionStatus.INVESTIGATING ? user
                : to == DiversionStatus.OPEN ? null : before.assignee() != null ? before.assignee() : user;
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        if (!store.changeAlertStatus(id, version, to.name(), assignee, why.isEmpty() ? before.resolution() : why,
                user, now)) {
            throw new ObjectOptimisticLockingFailureException(DiversionAlert.class, id);
        }
        var after = get(id);
        audit.record("diversion-alert.status", "diversion-alert", Long.toString(id),
                AuditTrail.state("status", from.name(), "assignee", before.assignee()),
                AuditTrail.state("status", to.name(), "assignee", assignee, "reason", why));
        return after;
    }
}

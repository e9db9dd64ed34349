package org.serialregistry.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.serialregistry.audit.AuditTrail;
import org.serialregistry.lifecycle.internal.CallerScope;
import org.serialregistry.lifecycle.internal.LifecycleProperties;
import org.serialregistry.security.Signer;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.LifecycleEventId;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Status changes are corrected by correcting events (EPCIS error declarations), never by edits. A
 * decommissioning (stolen, destroyed, archived, supplied, exported, sample, locked) may be undone by
 * the same party (or, for a caller bound to no party, the same user) within the configured window
 * (EU FMD: 10 days); after it, it is final. Other status changes (a recall set by mistake) are
 * corrected by a quality engineer or administrator with a signature.
 */
@Service
public class StatusCorrections {

    /** Statuses that take a unit out of the supply chain's active stock (EU FMD decommissioning). */
    public static final Set<UnitStatus> DECOMMISSIONING = EnumSet.of(UnitStatus.SUPPLIED, UnitStatus.EXPORTED,
            UnitStatus.SAMPLE, UnitStatus.LOCKED, UnitStatus.STOLEN, UnitStatus.DESTROYED, UnitStatus.ARCHIVED);

    private final Units units;
    private final CallerScope scope;
    private final UserAdministration users;
    private final LifecycleProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    StatusCorrections(Units units, CallerScope scope, UserAdministration users, LifecycleProperties properties,
                      AuditTrail audit, Clock clock) {
        this.units = units;
        this.scope = scope;
        this.users = users;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** How long a decommissioning can be undone. */
    public Duration undoWindow() {
        return properties.undoWindow();
    }

    /**
     * Undoes a decommissioning: by the party that recorded it (same user when it names no party),
     * within {@link #undoWindow()}. Each unit gets back the status it had before.
     *
     * @throws IllegalArgumentException when it is not a decommissioning, another party's, or final
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public List<LifecycleEventView> undo(LifecycleEventId eventId, String reason) {
        var event = decommissioning(eventId);
        String party = scope.actingParty();
        boolean same = event.sourceParty() != null ? event.sourceParty().equals(party)
                : party == null && event.recordedBy().equals(scope.username());
        if (!same) {
            throw new IllegalArgumentException("event: only " + Objects.requireNonNullElse(event.sourceParty(),
                    event.recordedBy()) + " may undo this " + event.newStatus().label().toLowerCase() + " report");
        }
        var written = units.declareError(eventId, "undo: " + requireReason(reason));
        audit.record("unit.decommissioning-undone", "event", String.valueOf(eventId),
                AuditTrail.state("status", event.newStatus().name()), AuditTrail.state("by", scope.username(),
                        "party", party, "reason", reason.strip(), "events", written.stream().map(LifecycleEventView::id).toList()));
        return written;
    }

    /**
     * A signed EPCIS error declaration by a quality engineer or administrator: the event was wrong; each
     * unit gets back the status it had before. A decommissioning past its undo window is final.
     *
     * @throws IllegalArgumentException for a wrong password, a missing reason, or a final decommissioning
     */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public List<LifecycleEventView> declareError(LifecycleEventId eventId, String reason, String password) {
        String me = scope.username();
        if (!users.confirmPassword(me, password)) {
            throw new IllegalArgumentException("password: the password is not correct; nothing was signed or corrected");
        }
        return declareSigned(eventId, reason, () -> me);
    }

    /**
     * The same error declaration through the API: the event and the reason are checked first, then the
     * signer (a quality engineer or administrator) is proven ({@code signer} is asked only then, see
     * {@link org.serialregistry.security.Signers}); the correction and the audit entry name the signer.
     *
     * @throws IllegalArgumentException naming {@code event} or {@code reason}, or what {@code signer} throws
     */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public List<LifecycleEventView> declareError(LifecycleEventId eventId, @Nullable String reason, Supplier<Signer> signer) {
        return declareSigned(eventId, reason, () -> signer.get().username());
    }

    private List<LifecycleEventView> declareSigned(LifecycleEventId eventId, @Nullable String reason, Supplier<String> signs) {
        var event = units.event(eventId).orElseThrow(() -> new IllegalArgumentException("event: no event " + eventId));
        if (event.newStatus() != null && DECOMMISSIONING.contains(event.newStatus())) {
            requireWithinWindow(event);
        }
        String why = requireReason(reason);
        String me = signs.get();
        String printed = users.findByUsername(me).map(u -> u.displayName()).orElse(me);
        var written = units.declareError(eventId, why + " (signed by " + printed + ")");
        audit.record("lifecycle.correction-signed", "event", String.valueOf(eventId), null, AuditTrail.state(
                "signedBy", printed, "meaning", "RESPONSIBILITY", "reason", why,
                "events", written.stream().map(LifecycleEventView::id).toList()));
        return written;
    }

    private LifecycleEventView decommissioning(LifecycleEventId eventId) {
        var event = units.event(eventId).orElseThrow(() -> new IllegalArgumentException("event: no event " + eventId));
        if (event.newStatus() == null || !DECOMMISSIONING.contains(event.newStatus())) {
            throw new IllegalArgumentException("event: " + eventId + " is no decommissioning (it set "
                    + (event.newStatus() == null ? "no status" : event.newStatus().label().toLowerCase())
                    + "); a quality engineer corrects it with a signed error declaration");
        }
        if (event.errorDeclarationFor() != null) {
            throw new IllegalArgumentException("event: " + eventId + " is itself a correction");
        }
        requireWithinWindow(event);
        return event;
    }

    private void requireWithinWindow(LifecycleEventView event) {
        if (event.recordedAt().plus(properties.undoWindow()).isBefore(Instant.now(clock))) {
            throw new IllegalArgumentException("event: the " + days(properties.undoWindow()) + " undo window of this "
                    + event.newStatus().label().toLowerCase() + " report ended on "
                    + event.recordedAt().plus(properties.undoWindow()) + "; it is final");
        }
    }

    private static String days(Duration d) {
        return d.toDays() >= 1 && d.toHours() % 24 == 0 ? d.toDays() + "-day" : d.toString();
    }

    private static String requireReason(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say why the change was wrong");
        }
        if (reason.strip().length() > 400) {
            throw new IllegalArgumentException("reason: at most 400 characters");
        }
        return reason.strip();
    }
}

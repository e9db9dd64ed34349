package org.serialregistry.serial;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.audit.ChainCheckpoints;
import org.serialregistry.audit.Checkpoint;
import org.serialregistry.serial.internal.EventDrafts;
import org.serialregistry.serial.internal.LifecycleLogStore;
import org.serialregistry.serial.internal.SerialCodec;
import org.serialregistry.serial.internal.UnitStore;
import org.serialregistry.serial.internal.Verdict;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Units and their life: the cryptographic check of a code (no database), the production record,
 * the event history, and lifecycle events recorded by other modules. Status changes follow the
 * EU FMD rules: a unit that is stolen or destroyed takes no further change; setting a status it
 * already has is refused; the same user may undo a status change within {@link #UNDO_WINDOW},
 * later only a correcting event can.
 */
@Service
public class Units {

    public static final Duration UNDO_WINDOW = Duration.ofDays(10);
    private static final Pattern TX_PART = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");
    private static final int MAX_SERIALS_PER_EVENT = 100_000;

    private final SerialCodec codec;
    private final UnitStore units;
    private final LifecycleLogStore log;
    private final MasterData masterData;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final ChainCheckpoints checkpoints;

    Units(SerialCodec codec, UnitStore units, LifecycleLogStore log, MasterData masterData,
          ApplicationEventPublisher events, AuditTrail audit, Clock clock, ChainCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.codec = codec;
        this.units = units;
        this.log = log;
        this.masterData = masterData;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** Is this a code our keys made? Decided from the code alone: no database read. */
    public CodeCheck checkCode(Gtin gtin, String serial) {
        return switch (codec.check(gtin, serial)) {
            case Verdict.Genuine g -> new CodeCheck.Genuine(SerialCodec.ALPHABET.indexOf(serial.charAt(0)),
                    g.fields().facilityNumber(), g.fields().lineNumber(), g.fields().productionDay(), g.fields().sequence());
            case Verdict.Forged f -> new CodeCheck.Forged("tag mismatch");
            case Verdict.UnknownKey k -> new CodeCheck.Forged("unknown key version " + k.version());
            case Verdict.Malformed m -> new CodeCheck.Malformed(m.reason());
        };
    }

    @Transactional(readOnly = true)
    public Optional<UnitRecord> find(SerialNumber serial) {
        return units.find(serial.value()).map(row -> toRecord(row,
                units.components(row.serial()).stream().map(SerialNumber::new).toList()));
    }

    /**
     * The production record and status in one autocommit query, without the components: for the
     * public verification path, where a transaction and a second query would cost more than the
     * lookup itself. {@link UnitRecord#components()} is empty here; use {@link #find} for genealogy.
     */
    public Optional<UnitRecord> lookup(SerialNumber serial) {
        return units.find(serial.value()).map(row -> toRecord(row, List.of()));
    }

    private static UnitRecord toRecord(UnitStore.UnitRow row, List<SerialNumber> components) {
        return new UnitRecord(new SerialNumber(row.serial()), new Gtin(row.gtin()), new LotNumber(row.lot()),
                row.batchId(), row.productionDate(), row.expiryDate(), row.facilityCode(), row.lineCode(),
                new CountryCode(row.intendedMarket()), row.status(), components);
    }

    /** The assembly this component is built into (its parent in the genealogy), if any. */
    @Transactional(readOnly = true)
    public Optional<SerialNumber> assemblyOf(SerialNumber component) {
        return units.assemblyOf(component.value()).map(SerialNumber::new);
    }

    /**
     * The units named by events of one business step recorded after {@code afterEventId} (event id, serial), in
     * event order, at most {@code limit}: for sets that follow the log ({@link org.serialregistry.shared.KnownSerials}).
     */
    public List<org.serialregistry.shared.KnownSerials.Row> namedByStepAfter(BusinessStep step, long afterEventId, int limit) {
        return log.serialsOfStepAfter(step.name(), afterEventId, limit);
    }

    /** Every event that names this unit, oldest first (its batch's commissioning included). */
    @Transactional(readOnly = true)
    public List<LifecycleEventView> history(SerialNumber serial) {
        return log.historyOf(serial.value()).stream().map(r -> r.toView()).toList();
    }

    @Transactional(readOnly = true)
    public List<LifecycleEventView> latestEvents(int limit) {
        return log.latest(Math.min(limit, 500)).stream().map(r -> r.toView()).toList();
    }

    @Transactional(readOnly = true)
    public long unitCount() {
        return units.countUnits();
    }

    /**
     * Appends a lifecycle event for existing units, changing their status when the event says so.
     *
     * @throws IllegalArgumentException naming the problem (unknown serials, refused status change);
     *                                  nothing is written then
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public LifecycleEventView record(NewLifecycleEvent event) {
        return append(event, null);
    }

    /** Sets the status of one unit (an ObjectEvent with the matching business step). */
    @Transactional
    // not partners: a status change (stolen, destroyed, locked) is not bound to the unit's holder
    @PreAuthorize("hasAnyRole('PRODUCTION','QUALITY','ADMIN')")
    public LifecycleEventView changeStatus(SerialNumber serial, UnitStatus status, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say why the status changes");
        }
        return append(EventDrafts.forStatus(List.of(serial), status, reason), null);
    }

    /** Recalls a whole lot: one event listing every unit of the lot; each gets status RECALLED. */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public LifecycleEventView recallLot(Gtin gtin, LotNumber lot, String reason) {
        var statuses = units.statusOf(units.serialsOfLot(gtin.value(), lot.value()));
        var serials = statuses.entrySet().stream().filter(e -> !e.getValue().terminal() && e.getValue() != UnitStatus.RECALLED)
                .map(e -> new SerialNumber(e.getKey())).sorted(java.util.Comparator.comparing(SerialNumber::value)).toList();
        if (serials.isEmpty()) {
            throw new IllegalArgumentException("lot: no recallable units of GTIN " + gtin.value() + " lot " + lot.value());
        }
        var event = append(EventDrafts.forStatus(serials, UnitStatus.RECALLED, reason), null);
        audit.record("lot.recalled", "lot", gtin.value() + "/" + lot.value(), null,
                AuditTrail.state("units", serials.size(), "reason", reason, "event", event.id()));
        return event;
    }

    /**
     * Undoes a status change: by the same user within {@link #UNDO_WINDOW}. The undo is itself a
     * correcting event that declares the earlier one an error and restores the previous status.
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public LifecycleEventView undo(LifecycleEventId event, String reason) {
        long eventId = event.value();
        var original = Optional.ofNullable(log.find(eventId))
                .orElseThrow(() -> new IllegalArgumentException("event: no event " + eventId));
        if (original.newStatus() == null) {
            throw new IllegalArgumentException("event: " + eventId + " changed no status; declare a correction instead");
        }
        String me = actor();
        if (!original.recordedBy().equals(me)) {
            throw new IllegalArgumentException("event: only " + original.recordedBy() + " may undo this change");
        }
        if (original.recordedAt().plus(UNDO_WINDOW).isBefore(Instant.now(clock))) {
            throw new IllegalArgumentException("event: the " + UNDO_WINDOW.toDays()
                    + "-day undo window has passed; record a correcting event");
        }
        var serials = log.serialsOf(eventId);
        if (serials.size() != 1) {
            throw new IllegalArgumentException("event: " + eventId + " changed " + serials.size()
                    + " units; undo works on single-unit changes, record a correcting event instead");
        }
        // The status before the change is the one the latest earlier status-setting event gave
        UnitStatus previous = UnitStatus.ACTIVE;
        for (var e : log.historyOf(serials.getFirst())) {
            if (e.id() < eventId && e.newStatus() != null) {
                previous = e.newStatus();
            }
        }
        var restore = List.of(new SerialNumber(serials.getFirst()));
        var draft = new NewLifecycleEvent(restore, EpcisEventType.OBJECT_EVENT, BusinessStep.OTHER, null, null,
                null, null, null, null, Map.of(), previous, "undo of event " + eventId + ": " + reason);
        return append(draft, eventId);
    }

    /** The current status of each of these serials that exists (at most 10,000 at once). */
    @Transactional(readOnly = true)
    public Map<String, UnitStatus> statusOf(java.util.Collection<String> serials) {
        if (serials.size() > 10_000) {
            throw new IllegalArgumentException("serials: at most 10000 at once");
        }
        return units.statusOf(serials);
    }

    /** One event of the log, if it exists. */
    @Transactional(readOnly = true)
    public Optional<LifecycleEventView> event(LifecycleEventId event) {
        return Optional.ofNullable(log.find(event.value())).map(r -> r.toView());
    }

    /**
     * EPCIS error declaration: declares a status-setting event an error and restores, for each unit it
     * listed, the status the unit had before it (one correcting event per restored status, each naming
     * the erroneous event). Who may correct what, and until when, is the caller's policy (see the
     * {@code lifecycle} module); here only the log's own rules hold: the event set a status, no later
     * event changed the status of any of its units, and it was not itself declared an error.
     *
     * @throws IllegalArgumentException naming the problem; nothing is written then
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public List<LifecycleEventView> declareError(LifecycleEventId event, String reason) {
        long eventId = event.value();
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say why the event was an error");
        }
        var original = Optional.ofNullable(log.find(eventId))
                .orElseThrow(() -> new IllegalArgumentException("event: no event " + eventId));
        if (original.newStatus() == null) {
            throw new IllegalArgumentException("event: " + eventId + " changed no status; there is nothing to restore");
        }
        var serials = log.serialsOf(eventId);
        if (serials.size() > MAX_SERIALS_PER_EVENT) {
            throw new IllegalArgumentException("event: " + eventId + " lists more than " + MAX_SERIALS_PER_EVENT + " units");
        }
        var restore = new java.util.TreeMap<UnitStatus, List<SerialNumber>>();
        for (String serial : serials) {
            UnitStatus previous = UnitStatus.ACTIVE;
            boolean laterChange = false;
            boolean corrected = false;
            for (var e : log.historyOf(serial)) {
                if (e.id() < eventId && e.newStatus() != null) {
                    previous = e.newStatus();
                } else if (e.id() > eventId && e.newStatus() != null) {
                    laterChange = true;
                    corrected |= Long.valueOf(eventId).equals(e.errorDeclarationFor());
                }
            }
            if (corrected) {
                throw new IllegalArgumentException("event: " + eventId + " was already declared an error");
            }
            if (laterChange) {
                throw new IllegalArgumentException("event: a later event changed the status of unit " + serial
                        + "; correct that one first");
            }
            restore.computeIfAbsent(previous, k -> new ArrayList<>()).add(new SerialNumber(serial));
        }
        var written = new ArrayList<LifecycleEventView>();
        restore.forEach((status, units) -> written.add(append(new NewLifecycleEvent(units, EpcisEventType.OBJECT_EVENT,
                BusinessStep.OTHER, null, null, null, null, null, null, Map.of(), status,
                "error declaration for event " + eventId + ": " + reason.strip()), eventId)));
        audit.record("lifecycle.error-declared", "event", String.valueOf(eventId),
                AuditTrail.state("status", original.newStatus().name(), "units", serials.size()),
                AuditTrail.state("restored", restore.keySet().stream().map(Enum::name).toList(), "reason", reason.strip(),
                        "events", written.stream().map(LifecycleEventView::id).toList()));
        return written;
    }

    /** Name of the lifecycle log among the checkpointed chains. */
    public static final String CHAIN = "lifecycle";

    /**
     * Recomputes the keyed hash chain of the whole log, compares it with the latest stored signed
     * checkpoint (so that a removed tail is found) and each unit's status with its events; reports the
     * first break, if any.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','PRODUCTION','QUALITY')")
    public ChainReport verifyChain() {
        return log.verify(checkpoints.latest(CHAIN).filter(checkpoints::signatureValid).orElse(null));
    }

    /**
     * The same check against a checkpoint kept outside the database (an exported checkpoint file):
     * the database's own checkpoints may have been removed along with the events.
     *
     * @throws IllegalArgumentException if it is not a lifecycle checkpoint signed by this registry's key
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','PRODUCTION','QUALITY')")
    public ChainReport verifyChain(Checkpoint kept) {
        if (!CHAIN.equals(kept.chain())) {
            throw new IllegalArgumentException("checkpoint: it is a checkpoint of the " + kept.chain()
                    + " chain, not of the lifecycle log");
        }
        if (!checkpoints.signatureValid(kept)) {
            throw new IllegalArgumentException("checkpoint: its signature does not verify with this registry's key");
        }
        return log.verify(kept);
    }

    private LifecycleEventView append(NewLifecycleEvent e, @Nullable Long corrects) {
        if (e.serials() == null || e.serials().isEmpty()) {
            throw new IllegalArgumentException("serials: name at least one serial");
        }
        if (e.serials().size() > MAX_SERIALS_PER_EVENT) {
            throw new IllegalArgumentException("serials: at most " + MAX_SERIALS_PER_EVENT + " per event");
        }
        var serials = new ArrayList<String>(new LinkedHashSet<>(e.serials().stream().map(SerialNumber::value).toList()));
        var statuses = units.statusOf(serials);
        var unknown = serials.stream().filter(s -> !statuses.containsKey(s)).limit(5).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("serials: never issued by this registry: " + String.join(", ", unknown));
        }
        if (corrects == null) {
            for (String s : serials) {
                UnitStatus current = statuses.get(s);
                // a destroyed unit may still be archived (its end of life); nothing else follows a terminal status
                if (current.terminal() && !(current == UnitStatus.DESTROYED && e.newStatus() == UnitStatus.ARCHIVED)) {
                    throw new IllegalArgumentException("serials: unit " + s + " is already inactive ("
                            + current.label().toLowerCase() + "): no further change is accepted");
                }
                if (e.newStatus() != null && e.newStatus() == current) {
                    throw new IllegalArgumentException("serials: unit " + s + " is already " + current.label().toLowerCase());
                }
            }
        }
        validateTransactions(e.bizTransactions());
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Instant when = e.eventTime() == null ? now : e.eventTime().truncatedTo(ChronoUnit.MICROS);
        if (when.isAfter(now.plusSeconds(300))) {
            throw new IllegalArgumentException("eventTime: " + when + " is in the future");
        }
        serials.sort(null);
        var digest = EventDrafts.digest(serials);
        String gtin = serials.size() == 1 ? units.find(serials.getFirst()).map(u -> u.gtin()).orElse(null) : null;
        var row = log.append(new LifecycleLogStore.Draft(e.type(), "OBSERVE", when, now, e.bizStep(), e.disposition(),
                e.readPoint(), e.bizLocation(), e.sourceParty(), e.destinationParty(),
                EventDrafts.transactions(e.bizTransactions()), gtin, null, null, e.newStatus(), corrects,
                e.reason(), actor()), serials, serials.size(), digest);
        if (e.newStatus() != null) {
            units.setStatus(serials, e.newStatus(), row.id(), actor(), now);
        }
        events.publishEvent(new LifecycleEventRecorded(new LifecycleEventId(row.id()), e.bizStep(), e.disposition(), e.sourceParty(),
                e.destinationParty(), e.newStatus(), serials.stream().map(SerialNumber::new).toList()));
        return row.toView();
    }

    private static void validateTransactions(@Nullable Map<String, String> transactions) {
        if (transactions == null) {
            return;
        }
        transactions.forEach((type, id) -> {
            if (type == null || id == null || !TX_PART.matcher(type).matches() || !TX_PART.matcher(id).matches()) {
                throw new IllegalArgumentException("bizTransactions: type and identifier are 1 to 64 characters of "
                        + "letters, digits and _ . : / -");
            }
        });
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}

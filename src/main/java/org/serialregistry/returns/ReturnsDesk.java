package org.serialregistry.returns;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.Custody;
import org.serialregistry.custody.Parties;
import org.serialregistry.returns.internal.ReturnStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.DigitalLink;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.CounterfeitList;
import org.serialregistry.warranty.Coverage;
import org.serialregistry.warranty.WarrantyCoverage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The returns desk: a return (RMA) is keyed by serials, many per return. Intake checks each unit
 * (genuine code, not on the counterfeit list, status, whether it came back from the party it was
 * sold or shipped to, warranty against the stated reason). A counterfeit, listed or inactive unit,
 * or one from an unexpected party, is quarantined (a genuine one locked), not refunded, and raises
 * {@link SuspectReturnReceived}; every other unit gets its disposition from the quality team's
 * {@link DispositionRules}. Receiving and inspecting are lifecycle events of each genuine unit; so is
 * carrying the disposition out (repairing, refurbishing, destroying, ...). A person may override a
 * disposition with an electronic signature ({@link ReturnDispositions}). Partners (distributors, service
 * centres) read only the returns their party sent or received ({@link ReturnQueries}).
 * <p>
 * This class is the intake: one return within the request, or a large one as a chunked job.
 * <p>
 * Over 400 lines on purpose: both ways in (a return in the request, a large one as a chunked job on the
 * shared executor) share one per-unit check, so the check and its outcomes stay together. Split out
 * first: the chunked job (start, its progress and its hand-over to the background executor).
 */
@Service
public class ReturnsDesk {

    /** Returns up to this many units are taken in within the request. */
    public static final int MAX_LINES_IN_REQUEST = 5_000;
    public static final int MAX_LINES = 100_000;
    private static final int CHUNK = 500;
    private static final Pattern RMA = Pattern.compile("[A-Za-z0-9_.:/-]{1,32}");
    private static final DateTimeFormatter RMA_DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReturnStore store;
    private final DispositionRules rules;
    private final Units units;
    private final CounterfeitList counterfeits;
    private final Custody custody;
    private final Parties parties;
    private final WarrantyCoverage coverage;
    private final CurrentUser currentUser;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ReturnQueries queries;
    private final AsyncTaskExecutor background;

    ReturnsDesk(ReturnStore store, DispositionRules rules, Units units,
                CounterfeitList counterfeits, Custody custody, Parties parties, WarrantyCoverage coverage,
                CurrentUser currentUser, AuditTrail audit, ApplicationEventPublisher events,
                TransactionTemplate tx, Clock clock, ReturnQueries queries, AsyncTaskExecutor background) {
        this.queries = queries;
        this.background = background;
        this.store = store;
        this.rules = rules;
        this.units = units;
        this.counterfeits = counterfeits;
        this.custody = custody;
        this.parties = parties;
        this.coverage = coverage;
        this.currentUser = currentUser;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** A line that passed the format checks. */
    private record Parsed(int lineNo, SerialNumber serial, @Nullable String gtin, ReturnReason reason,
                          @Nullable String note) {
    }

    private record Valid(String rmaNumber, String fromParty, List<Parsed> lines) {
    }

    // ---------------------------------------------------------------- intake

    /**
     * Takes a return in within the caller's transaction (a warehouse system's call, up to
     * {@link #MAX_LINES_IN_REQUEST} units).
     *
     * @param channel where it came from (API, PORTAL, SHEET), recorded on the return
     * @throws IllegalArgumentException naming every bad line and field in one message; nothing is written then
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    public ReturnView receive(NewReturn request, String channel) {
        var valid = validate(request, MAX_LINES_IN_REQUEST);
        long id = header(valid, channel);
        intake(id, valid, valid.lines());
        return queries.view(store.findReturn(id).orElseThrow());
    }

    /**
     * Checks the whole return at once (every bad line named), then takes it in on a background
     * thread, {@value #CHUNK} units per transaction, with progress for the portal.
     *
     * @throws IllegalArgumentException naming every bad line and field in one message; nothing is written then
     */
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    public IntakeJob start(NewReturn request, String channel) {
        var valid = validate(request, MAX_LINES);
        long id = tx.execute(s -> header(valid, channel));
        var job = new IntakeJob(valid.rmaNumber(), valid.lines().size());
        Runnable work = () -> {
            try {
                var lines = valid.lines();
                for (int from = 0; from < lines.size(); from += CHUNK) {
                    var chunk = lines.subList(from, Math.min(lines.size(), from + CHUNK));
                    tx.executeWithoutResult(s -> intake(id, valid, chunk));
                    job.progressed(from + chunk.size());
                }
                job.completed(tx.execute(s -> queries.view(store.findReturn(id).orElseThrow())));
            } catch (RuntimeException e) {
                job.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        };
        try {
            background.execute(work); // as the same user: the shared executor carries the security context
        } catch (TaskRejectedException e) {
            job.failed("the server is too busy to take the return in now; send it again later");
        }
        return job;
    }

    private Valid validate(NewReturn request, int maxLines) {
        var problems = new ArrayList<String>();
        String rma = request.rmaNumber() == null || request.rmaNumber().isBlank() ? null : request.rmaNumber().strip();
        if (rma != null && !RMA.matcher(rma).matches()) {
            problems.add("rmaNumber: 1 to 32 letters, digits and _ . : / -");
        } else if (rma != null && store.rmaExists(rma)) {
            problems.add("rmaNumber: RMA " + rma + " was already received");
        }
        String from = request.fromParty() == null ? "" : request.fromParty().strip().toUpperCase(Locale.ROOT);
        if (from.isEmpty()) {
            problems.add("fromParty: say which party sends the units back");
        } else if (parties.find(from).isEmpty()) {
            problems.add("fromParty: no party " + from);
        }
        var lines = request.lines() == null ? List.<NewReturn.Line>of() : request.lines();
        if (lines.isEmpty()) {
            problems.add("lines: name at least one unit");
        } else if (lines.size() > maxLines) {
            problems.add("lines: at most " + maxLines + " units per return here (" + lines.size() + " given)");
        }
        var parsed = new ArrayList<Parsed>();
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < lines.size() && lines.size() <= maxLines; i++) {
            var line = lines.get(i);
            int no = i + 1;
            var code = read(line.serial());
            var reason = ReturnReason.parse(line.reason());
            String note = line.note() == null || line.note().isBlank() ? null : line.note().strip();
            var bad = new ArrayList<String>();
            if (code.problem() != null) {
                bad.add("serial: " + code.problem());
            } else if (seen.containsKey(code.serial().value())) {
                bad.add("serial: " + code.serial().value() + " is already on line " + seen.get(code.serial().value()));
            }
            if (reason == null) {
                bad.add("reason: " + (line.reason() == null || line.reason().isBlank() ? "missing" : "'" + shown(line.reason())
                        + "' is none of") + " defective, damaged in transit, wrong item, not wanted, end of lease");
            }
            if (note != null && note.length() > 500) {
                bad.add("note: at most 500 characters");
            }
            if (bad.isEmpty()) {
                seen.put(code.serial().value(), no);
                parsed.add(new Parsed(no, code.serial(), code.gtin(), reason, note));
            } else {
                problems.add("line " + no + ": " + String.join(", ", bad));
            }
        }
        if (!problems.isEmpty()) {
            int shownCount = Math.min(problems.size(), 200);
            throw new IllegalArgumentException(String.join("; ", problems.subList(0, shownCount))
                    + (problems.size() > shownCount ? "; and " + (problems.size() - shownCount) + " more" : ""));
        }
        return new Valid(rma == null ? newRmaNumber() : rma, from, parsed);
    }

    record Code(@Nullable SerialNumber serial, @Nullable String gtin, @Nullable String problem) {
    }

    /** A bare serial or a unit's Digital Link, as a scanner types it. */
    static Code read(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return new Code(null, null, "missing");
        }
        String text = raw.strip();
        if (text.regionMatches(true, 0, "http", 0, 4)) {
            try {
                String path = URI.create(text).getPath();
                int at = path == null ? -1 : path.indexOf("/01/");
                var link = at < 0 ? Optional.<DigitalLink.Parsed>empty() : DigitalLink.parse(path.substring(at).replaceAll("/+$", ""));
                return link.map(l -> new Code(l.serial(), l.gtin().value(), null))
                        .orElse(new Code(null, null, "'" + shown(text) + "' is not a unit's Digital Link"));
            } catch (IllegalArgumentException e) {
                return new Code(null, null, "'" + shown(text) + "' is not a unit's Digital Link");
            }
        }
        try {
            return new Code(new SerialNumber(text.toUpperCase(Locale.ROOT)), null, null);
        } catch (IllegalArgumentException e) {
            return new Code(null, null, "'" + shown(text) + "' is not a serial (" + e.getMessage() + ")");
        }
    }

    private static String shown(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private long header(Valid valid, String channel) {
        String receivedBy = parties.actingParty().orElse(null);
        long id = store.insertReturn(valid.rmaNumber(), valid.fromParty(), receivedBy, channel, currentUser.require(), now());
        audit.record("return.received", "return", valid.rmaNumber(), null, AuditTrail.state("fromParty", valid.fromParty(),
                "receivedBy", receivedBy, "units", valid.lines().size(), "channel", channel));
        return id;
    }

    /** Checks, routes and records one chunk of lines, with their lifecycle events, in the caller's transaction. */
    private void intake(long returnId, Valid valid, List<Parsed> lines) {
        String rma = valid.rmaNumber();
        String receivedBy = parties.actingParty().orElse(null);
        LocalDate today = LocalDate.now(clock);
        var ruleList = rules.all();
        var stored = new ArrayList<ReturnStore.NewLine>();
        var received = new ArrayList<SerialNumber>();
        var toLock = new ArrayList<SerialNumber>();
        var held = new ArrayList<SerialNumber>();
        var inspected = new EnumMap<ReturnDisposition, List<SerialNumber>>(ReturnDisposition.class);
        var backInStock = new ArrayList<SerialNumber>();
        var suspects = new ArrayList<SuspectReturnReceived>();
        for (var line : lines) {
            var checks = new ArrayList<IntakeCheck>();
            var unit = units.find(line.serial()).orElse(null);
            String gtin = unit != null ? unit.gtin().value() : line.gtin();
            boolean genuine = unit != null && (line.gtin() == null || line.gtin().equals(unit.gtin().value()))
                    && units.checkCode(unit.gtin(), line.serial().value()).genuine();
            checks.add(new IntakeCheck(IntakeCheck.GENUINE, genuine, genuine ? "Code made by the manufacturer"
                    : unit == null ? "This registry never issued this serial: the code is not genuine"
                    : "The code does not match the product " + line.gtin() + ": not genuine"));
            boolean listed = counterfeits.isListed(line.serial().value());
            checks.add(new IntakeCheck(IntakeCheck.NOT_LISTED, !listed, listed ? "On the counterfeit list"
                    : "Not on the counterfeit list"));
            boolean quarantine = !genuine || listed;
            Boolean covered = null;
            boolean refundable = false;
            ReturnDisposition disposition = ReturnDisposition.QUARANTINE;
            Long ruleId = null;
            String why;
            if (genuine) {
                boolean inactive = unit.status().terminal();
                checks.add(new IntakeCheck(IntakeCheck.STATUS, !inactive, "Status " + unit.status().label().toLowerCase()
                        + (inactive ? ": an inactive unit cannot come back" : "")));
                String expected = custody.expectedReturnParty(line.serial().value()).orElse(null);
                boolean fromExpected = valid.fromParty().equals(expected);
                checks.add(new IntakeCheck(IntakeCheck.FROM_EXPECTED_PARTY, fromExpected, fromExpected
                        ? "Comes back from " + expected + ", the party it was sold or shipped to"
                        : "Comes back from " + valid.fromParty() + ", but it was sold or shipped to "
                        + (expected == null ? "nobody" : expected)));
                Coverage cover = coverage.today(unit.gtin(), line.serial()).orElse(null);
                covered = cover == null ? null : cover.covered();
                boolean reasonHolds = line.reason() != ReturnReason.DEFECTIVE || Boolean.TRUE.equals(covered);
                checks.add(new IntakeCheck(IntakeCheck.WARRANTY, reasonHolds, (cover == null ? "No warranty policy"
                        : cover.explanation()) + (line.reason() == ReturnReason.DEFECTIVE
                        ? (reasonHolds ? " A defect under warranty is credited." : " A defect out of warranty is not credited.")
                        : " The reason '" + line.reason().label().toLowerCase() + "' needs no warranty.")));
                quarantine = quarantine || inactive || !fromExpected;
                if (!quarantine) {
                    refundable = reasonHolds;
                    var routing = DispositionRules.route(ruleList, line.reason(), covered, unit.productionDate(), today);
                    disposition = routing.disposition();
                    ruleId = routing.ruleId();
                    why = routing.why();
                    received.add(line.serial());
                    inspected.computeIfAbsent(disposition, d -> new ArrayList<>()).add(line.serial());
                    if (disposition == ReturnDisposition.RESTOCK && unit.status() == UnitStatus.SUPPLIED) {
                        backInStock.add(line.serial());
                    }
                } else {
                    why = "Quarantined: " + failed(checks) + ". Held for investigation, not refunded.";
                    if (!inactive) {
                        received.add(line.serial());
                        // a locked unit stays locked, a recalled one stays recalled: both are held without a status change
                        (unit.status() == UnitStatus.LOCKED || unit.status() == UnitStatus.RECALLED ? held : toLock)
                                .add(line.serial());
                    }
                }
            } else {
                why = "Quarantined: " + failed(checks) + ". Held for investigation, not refunded.";
            }
            if (quarantine) {
                suspects.add(new SuspectReturnReceived(rma, line.serial().value(), gtin, valid.fromParty(), failed(checks)));
            }
            stored.add(new ReturnStore.NewLine(line.lineNo(), line.serial().value(), gtin, line.reason(), line.note(),
                    quarantine, refundable, disposition, why, ruleId, checks));
        }
        store.insertLines(returnId, stored);
        var txs = Map.of("rma", rma);
        if (!received.isEmpty()) {
            units.record(new NewLifecycleEvent(received, EpcisEventType.OBJECT_EVENT, BusinessStep.RECEIVING,
                    Disposition.RETURNED, null, null, null, valid.fromParty(), receivedBy, txs, null,
                    "returned under " + rma));
        }
        if (!toLock.isEmpty()) {
            units.record(new NewLifecycleEvent(toLock, EpcisEventType.OBJECT_EVENT, BusinessStep.HOLDING,
                    Disposition.NON_CONFORMANT, null, null, null, null, null, txs, UnitStatus.LOCKED,
                    "quarantined at return intake under " + rma));
        }
        if (!held.isEmpty()) {
            units.record(new NewLifecycleEvent(held, EpcisEventType.OBJECT_EVENT, BusinessStep.HOLDING,
                    Disposition.NON_CONFORMANT, null, null, null, null, null, txs, null,
                    "quarantined at return intake under " + rma));
        }
        inspected.forEach((d, serials) -> {
            var restocked = d == ReturnDisposition.RESTOCK ? serials.stream().filter(backInStock::contains).toList() : List.<SerialNumber>of();
            var rest = serials.stream().filter(s -> !restocked.contains(s)).toList();
            if (!rest.isEmpty()) {
                units.record(new NewLifecycleEvent(rest, EpcisEventType.OBJECT_EVENT, BusinessStep.INSPECTING,
                        inspectionDisposition(d), null, null, null, null, null, txs, null,
                        "inspected at return intake: " + d.label().toLowerCase()));
            }
            if (!restocked.isEmpty()) {
                // a sold unit that goes back to stock is active again
                units.record(new NewLifecycleEvent(restocked, EpcisEventType.OBJECT_EVENT, BusinessStep.INSPECTING,
                        Disposition.SELLABLE_ACCESSIBLE, null, null, null, null, null, txs, UnitStatus.ACTIVE,
                        "inspected at return intake: restock"));
            }
        });
        suspects.forEach(events::publishEvent);
    }

    private static Disposition inspectionDisposition(ReturnDisposition d) {
        return switch (d) {
            case RESTOCK -> Disposition.SELLABLE_ACCESSIBLE;
            case REPAIR, REFURBISH -> Disposition.IN_PROGRESS;
            case RETURN_TO_SUPPLIER -> Disposition.RETURNED;
            case SCRAP -> Disposition.DAMAGED;
            case QUARANTINE -> Disposition.NON_CONFORMANT;
        };
    }

    private static String failed(List<IntakeCheck> checks) {
        return String.join("; ", checks.stream().filter(c -> !c.passed() && !IntakeCheck.WARRANTY.equals(c.check()))
                .map(IntakeCheck::detail).toList());
    }

    private String newRmaNumber() {
        String day = LocalDate.now(clock).format(RMA_DAY);
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        for (int attempt = 0; ; attempt++) {
            var s = new StringBuilder("RET-").append(day).append('-');
            for (int i = 0; i < 6; i++) {
                s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            if (!store.rmaExists(s.toString()) || attempt > 5) {
                return s.toString();
            }
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}

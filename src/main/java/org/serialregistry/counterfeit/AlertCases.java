package org.serialregistry.counterfeit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.counterfeit.internal.CaseStore;
import org.serialregistry.counterfeit.internal.CounterfeitStatisticsStore;
import org.serialregistry.counterfeit.internal.NewSignal;
import org.serialregistry.counterfeit.internal.ScanSignalDetector;
import org.serialregistry.counterfeit.internal.SignalSink;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.CounterfeitList;
import org.serialregistry.verification.CounterfeitReason;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alert cases for the people who investigate them (FORENSICS, CHANNEL, ADMIN): list and read
 * with their evidence, assign, annotate, move through the states. Confirming a case as
 * counterfeit (FORENSICS or ADMIN only) puts each serial its signals name on the public
 * counterfeit list, in the same transaction. Every change is audited and leaves a case note.
 */
@Service
public class AlertCases {

    private static final String READERS = "hasAnyRole('FORENSICS','CHANNEL','ADMIN')";

    private final CaseStore store;
    private final CounterfeitStatisticsStore statisticsStore;
    private final SignalSink sink;
    private final ScanSignalDetector detector;
    private final CounterfeitList counterfeitList;
    private final UserAdministration users;
    private final CurrentUser currentUser;
    private final AuditTrail audit;
    private final Clock clock;

    AlertCases(CaseStore store, SignalSink sink, ScanSignalDetector detector, CounterfeitList counterfeitList,
               UserAdministration users, CurrentUser currentUser, AuditTrail audit, Clock clock,
               CounterfeitStatisticsStore statisticsStore) {
        this.store = store;
        this.statisticsStore = statisticsStore;
        this.sink = sink;
        this.detector = detector;
        this.counterfeitList = counterfeitList;
        this.users = users;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** Newest activity first. */
    @Transactional(readOnly = true)
    @PreAuthorize(READERS)
    public List<AlertCaseSummary> search(CaseQuery query) {
        if (query.serial() != null && !query.serial().isBlank()) {
            String s = query.serial().strip().toUpperCase(java.util.Locale.ROOT);
            if (s.length() > 20) {
                throw new IllegalArgumentException("serial: at most 20 characters");
            }
            query = new CaseQuery(s, query.state(), query.type(), query.limit());
        } else {
            query = new CaseQuery(null, query.state(), query.type(), query.limit());
        }
        return store.search(query);
    }

    @Transactional(readOnly = true)
    @PreAuthorize(READERS)
    public Optional<AlertCaseDetail> find(AlertCaseId caseId) {
        long id = caseId.value();
        return store.find(id).map(c -> new AlertCaseDetail(c, store.signals(id), store.notes(id)));
    }

    /** Open (or investigating) cases whose signals name this serial. */
    @Transactional(readOnly = true)
    @PreAuthorize(READERS)
    public List<AlertCaseSummary> openCasesFor(String serial) {
        return store.search(new CaseQuery(serial, null, null, 100)).stream().filter(c -> c.state().open()).toList();
    }

    /** Scans of a serial that detection knows: the recent ones in memory and all kept as evidence. */
    @Transactional(readOnly = true)
    @PreAuthorize(READERS)
    public List<EvidenceScan> scansOf(String serial) {
        var byId = new LinkedHashMap<java.util.UUID, EvidenceScan>();
        detector.recentScans(serial).forEach(s -> byId.put(s.scanId(), s));
        store.evidenceOf(serial, 200).forEach(s -> byId.putIfAbsent(s.scanId(), s));
        var list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(EvidenceScan::at).reversed());
        return list;
    }

    /** Id of the newest case that became high severity (0 when none yet): views poll it. */
    public long latestHighSeverityCase() {
        return sink.latestHighCase();
    }

    /**
     * Moves a case to another state with a note saying why.
     *
     * @throws IllegalArgumentException for an unknown case, a missing note, or a counterfeit
     *                                  confirmation by someone who is not a forensic reviewer or admin
     */
    @Transactional
    @PreAuthorize(READERS)
    public AlertCaseSummary changeState(AlertCaseId caseId, CaseState state, String note) {
        long id = caseId.value();
        var c = require(id);
        if (state == null) {
            throw new IllegalArgumentException("state: choose the new state");
        }
        String text = requireNote(note);
        if (state == c.state()) {
            throw new IllegalArgumentException("state: the case is already " + state.label().toLowerCase());
        }
        if (state == CaseState.CONFIRMED_COUNTERFEIT) {
            var roles = currentUser.roles();
            if (!roles.contains(Role.FORENSICS) && !roles.contains(Role.ADMIN)) {
                throw new IllegalArgumentException("state: only forensic reviewers and administrators confirm a counterfeit");
            }
        }
        store.setState(id, state);
        store.addNote(id, currentUser.require(), "State " + c.state().label() + " → " + state.label() + ": " + text);
        audit.record("alert-case.state-changed", "alert-case", String.valueOf(id),
                AuditTrail.state("state", c.state().name()), AuditTrail.state("state", state.name(), "note", text));
        if (state == CaseState.CONFIRMED_COUNTERFEIT) {
            listSerials(id, null, text);
        }
        return store.find(id).orElseThrow();
    }

    @Transactional
    @PreAuthorize(READERS)
    public AlertCaseSummary assign(AlertCaseId caseId, @Nullable String assignee) {
        long id = caseId.value();
        var c = require(id);
        String who = assignee == null || assignee.isBlank() ? null : assignee.strip().toLowerCase(java.util.Locale.ROOT);
        if (who != null && users.findByUsername(who).isEmpty()) {
            throw new IllegalArgumentException("assignee: no user " + who);
        }
        store.setAssignee(id, who);
        store.addNote(id, currentUser.require(), who == null ? "Unassigned" : "Assigned to " + who);
        audit.record("alert-case.assigned", "alert-case", String.valueOf(id), AuditTrail.state("assignee", c.assignee()),
                AuditTrail.state("assignee", who));
        return store.find(id).orElseThrow();
    }

    @Transactional
    @PreAuthorize(READERS)
    public AlertCaseSummary addNote(AlertCaseId caseId, String note) {
        long id = caseId.value();
        require(id);
        String text = requireNote(note);
        store.addNote(id, currentUser.require(), text);
        audit.record("alert-case.noted", "alert-case", String.valueOf(id), null, AuditTrail.state("note", text));
        return store.find(id).orElseThrow();
    }

    /**
     * A signed forensic verdict on a unit: COUNTERFEIT confirms the open cases of the serial (or
     * opens a confirmed one when there is none) and lists the serial; other verdicts leave a note.
     * Joins the caller's transaction, so the verdict, the case and the list change together.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('FORENSICS','ADMIN')")
    public List<AlertCaseId> recordForensicVerdict(SerialNumber serial, @Nullable String gtin, boolean counterfeit,
                                            String note) {
        var open = openCasesFor(serial.value());
        var ids = new ArrayList<Long>();
        if (counterfeit) {
            if (open.isEmpty()) {
                var stored = sink.storeInCurrentTransaction(new NewSignal(SignalType.FORENSIC_VERDICT,
                        SignalType.FORENSIC_VERDICT.severity(), serial.value(), gtin, null, null, null,
                        Instant.now(clock), note, List.of()));
                ids.add(stored.caseId());
            } else {
                open.forEach(c -> ids.add(c.id().value()));
            }
            for (long id : ids) {
                var before = store.find(id).orElseThrow().state();
                store.setState(id, CaseState.CONFIRMED_COUNTERFEIT);
                store.addNote(id, currentUser.require(), "Confirmed counterfeit by forensic verdict: " + note);
                audit.record("alert-case.state-changed", "alert-case", String.valueOf(id),
                        AuditTrail.state("state", before.name()),
                        AuditTrail.state("state", CaseState.CONFIRMED_COUNTERFEIT.name(), "note", note));
            }
            counterfeitList.report(serial, gtin, CounterfeitReason.FORENSIC_VERDICT, note);
        } else {
            for (var c : open) {
                store.addNote(c.id().value(), currentUser.require(), note);
                ids.add(c.id().value());
            }
        }
        return ids.stream().map(AlertCaseId::new).toList();
    }

    /** Figures for the workspace charts and tables. */
    @Transactional(readOnly = true)
    @PreAuthorize(READERS)
    public CounterfeitStatistics statistics(int days) {
        return statisticsStore.since(Instant.now(clock).minus(java.time.Duration.ofDays(Math.max(1, days))));
    }

    private void listSerials(long caseId, @Nullable CounterfeitReason given, String note) {
        var gtins = store.gtinsOf(caseId);
        for (Map.Entry<String, Set<SignalType>> e : store.serialsOf(caseId).entrySet()) {
            CounterfeitReason reason = given != null ? given : reasonFor(e.getValue());
            counterfeitList.report(new SerialNumber(e.getKey()), gtins.get(e.getKey()), reason,
                    "Alert case " + caseId + ": " + note);
        }
    }

    private static CounterfeitReason reasonFor(Set<SignalType> types) {
        if (types.contains(SignalType.FORENSIC_VERDICT)) {
            return CounterfeitReason.FORENSIC_VERDICT;
        }
        if (types.contains(SignalType.GEO_ANOMALY) || types.contains(SignalType.SCAN_COUNT)
                || types.contains(SignalType.NOT_ISSUED)) {
            return CounterfeitReason.CLONED_CODE;
        }
        if (types.contains(SignalType.SCANNED_WHILE_INACTIVE)) {
            return CounterfeitReason.STOLEN;
        }
        return CounterfeitReason.OTHER;
    }

    private AlertCaseSummary require(long id) {
        return store.find(id).orElseThrow(() -> new NoSuchElementException("No alert case " + id));
    }

    private static String requireNote(String note) {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("note: say why");
        }
        if (note.strip().length() > 2000) {
            throw new IllegalArgumentException("note: at most 2000 characters");
        }
        return note.strip();
    }
}

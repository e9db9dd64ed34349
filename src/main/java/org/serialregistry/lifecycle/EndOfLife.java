package org.serialregistry.lifecycle;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.lifecycle.internal.CallerScope;
import org.serialregistry.lifecycle.internal.EvidenceStore;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.shared.DocumentType;
import org.serialregistry.shared.SerialNumber;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A unit's end: scrapped or destroyed (with a reason and evidence), archived (end of life: record and
 * history kept, the public page answers "end of life"), or reported stolen by the party that holds it.
 * Each is one lifecycle event naming the acting party as its source, so that the same party can undo
 * it within the window ({@link StatusCorrections}).
 */
@Service
public class EndOfLife {

    /** The most units one end-of-life request names. */
    public static final int MAX_UNITS = 10_000;

    private final org.serialregistry.serial.Units units;
    private final EvidenceStore evidence;
    private final CallerScope scope;
    private final AuditTrail audit;
    private final Clock clock;

    EndOfLife(org.serialregistry.serial.Units units, EvidenceStore evidence, CallerScope scope, AuditTrail audit, Clock clock) {
        this.units = units;
        this.evidence = evidence;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Scraps or destroys units: DESTROYED, with the reason and the evidence (certificate of destruction
     * or photo: PDF, PNG or JPEG) kept and named by the event ({@code evidence -> EV-12}).
     *
     * @throws IllegalArgumentException every problem of the request in one message, each naming its field
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','QUALITY','PRODUCTION','SERVICE_CENTER','DISTRIBUTOR')")
    public LifecycleEventView scrap(EndOfLifeKind kind, List<String> serials, String reason, byte @Nullable [] file,
                                    @Nullable String filename) {
        var problems = new ArrayList<String>();
        var list = serials(serials, problems);
        String why = reason(reason, "say why the units are " + (kind == EndOfLifeKind.SCRAPPED ? "scrapped" : "destroyed"),
                problems);
        if (kind == null) {
            problems.add("kind: SCRAPPED or DESTROYED");
        }
        String type = null;
        try {
            type = DocumentType.of("evidence", file);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage().replace("the file is empty", "attach the certificate of destruction or a photo"));
        }
        refuseIfAny(problems);
        scope.requireOwn(list);
        Instant now = now();
        String name = filename == null || filename.isBlank() ? "evidence" : filename.strip().replaceAll("[\\\\/\\p{Cntrl}]", "_");
        var stored = evidence.insert(name.length() > 255 ? name.substring(name.length() - 255) : name, type, file,
                sha256(file), list.size(), scope.username(), now);
        var event = units.record(new NewLifecycleEvent(list, EpcisEventType.OBJECT_EVENT, BusinessStep.DESTROYING,
                kind.disposition(), null, null, null, scope.actingParty(), null, Map.of("evidence", stored.reference()),
                UnitStatus.DESTROYED, why));
        audit.record("unit." + kind.name().toLowerCase(), "event", String.valueOf(event.id()), null, AuditTrail.state(
                "units", list.size(), "reason", why, "evidence", stored.reference(), "sha256", stored.sha256(),
                "party", scope.actingParty()));
        return event;
    }

    /**
     * Archives units at the end of their life: ARCHIVED (from any status but stolen; a destroyed unit
     * too). The record and the history stay; the unit leaves the working lists; the public page
     * answers "end of life".
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','QUALITY','PRODUCTION')")
    public LifecycleEventView archive(List<String> serials, String reason) {
        var problems = new ArrayList<String>();
        var list = serials(serials, problems);
        String why = reason(reason, "say why the units are archived (end of service life, scrapped)", problems);
        refuseIfAny(problems);
        var event = units.record(new NewLifecycleEvent(list, EpcisEventType.OBJECT_EVENT, BusinessStep.DECOMMISSIONING,
                Disposition.INACTIVE, null, null, null, scope.actingParty(), null, Map.of(), UnitStatus.ARCHIVED, why));
        audit.record("unit.archived", "event", String.valueOf(event.id()), null,
                AuditTrail.state("units", list.size(), "reason", why));
        return event;
    }

    /**
     * A party reports units it holds stolen (staff: any unit). STOLEN is terminal: a later scan of the
     * code anywhere is suspect and raises a counterfeit signal.
     *
     * @param where where they were stolen (optional, up to 128 characters)
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public LifecycleEventView reportStolen(List<String> serials, @Nullable String where, String note) {
        var problems = new ArrayList<String>();
        var list = serials(serials, problems);
        String why = reason(note, "say what happened (when, how the theft was found)", problems);
        String location = where == null || where.isBlank() ? null : where.strip();
        if (location != null && location.length() > 128) {
            problems.add("where: at most 128 characters");
        }
        refuseIfAny(problems);
        scope.requireOwn(list);
        var event = units.record(new NewLifecycleEvent(list, EpcisEventType.OBJECT_EVENT, BusinessStep.HOLDING,
                Disposition.STOLEN, null, null, location, scope.actingParty(), null, Map.of(), UnitStatus.STOLEN, why));
        audit.record("unit.reported-stolen", "event", String.valueOf(event.id()), null, AuditTrail.state(
                "units", list.size(), "where", location, "note", why, "party", scope.actingParty()));
        return event;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','QUALITY','PRODUCTION','FORENSICS')")
    public Optional<EvidenceView> evidence(long id) {
        return evidence.find(id);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','QUALITY','PRODUCTION','FORENSICS')")
    public Optional<byte[]> evidenceContent(long id) {
        return evidence.content(id);
    }

    static List<SerialNumber> serials(@Nullable List<String> serials, List<String> problems) {
        var list = new ArrayList<SerialNumber>();
        if (serials == null || serials.stream().allMatch(s -> s == null || s.isBlank())) {
            problems.add("serials: name at least one unit");
            return list;
        }
        if (serials.size() > MAX_UNITS) {
            problems.add("serials: at most " + MAX_UNITS + " in one request");
            return list;
        }
        for (String s : serials) {
            if (s == null || s.isBlank()) {
                continue;
            }
            try {
                var serial = new SerialNumber(s.strip().toUpperCase());
                if (!list.contains(serial)) {
                    list.add(serial);
                }
            } catch (IllegalArgumentException e) {
                problems.add("serials: " + s.strip() + " is not a serial number");
            }
        }
        return list;
    }

    static String reason(@Nullable String reason, String hint, List<String> problems) {
        if (reason == null || reason.isBlank()) {
            problems.add("reason: " + hint);
            return "";
        }
        if (reason.strip().length() > 500) {
            problems.add("reason: at most 500 characters");
        }
        return reason.strip();
    }

    static void refuseIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}

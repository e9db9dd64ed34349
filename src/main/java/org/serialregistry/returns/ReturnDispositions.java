package org.serialregistry.returns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.serialregistry.audit.AuditTrail;
import org.serialregistry.returns.internal.ReturnStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.Refurbishments;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to a returned unit after intake: a person overrides its disposition with an electronic
 * signature, and the disposition is carried out as a lifecycle event of the unit (restock, repair,
 * refurbish, return to supplier, scrap). A quarantined unit waits for the quality team.
 */
@Service
public class ReturnDispositions {

    private final ReturnStore store;
    private final ReturnQueries queries;
    private final Units units;
    private final Refurbishments refurbishments;
    private final UserAdministration users;
    private final CurrentUser currentUser;
    private final AuditTrail audit;
    private final Clock clock;

    ReturnDispositions(ReturnStore store, ReturnQueries queries, Units units, Refurbishments refurbishments,
                       UserAdministration users, CurrentUser currentUser, AuditTrail audit, Clock clock) {
        this.store = store;
        this.queries = queries;
        this.units = units;
        this.refurbishments = refurbishments;
        this.users = users;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A person overrides a line's disposition, signing with their password (21 CFR 11: printed name,
     * time and meaning, bound to the line by a hash). Releasing a quarantined unit, or quarantining one,
     * is for the quality team.
     *
     * @throws IllegalArgumentException for a wrong password, a missing reason, a completed or changed line
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','ADMIN')")
    public ReturnLineView override(long lineId, long version, ReturnDisposition disposition, String meaning,
                                   String reason, String password) {
        String me = currentUser.require();
        if (!users.confirmPassword(me, password)) {
            throw new IllegalArgumentException("password: the password is not correct; nothing was signed or changed");
        }
        return overrideSigned(lineId, version, disposition, meaning, reason, me, currentUser.roles());
    }

    /**
     * The same override through the API: the signer proved who they are in the request (see
     * {@link org.serialregistry.security.Signers}); releasing or quarantining needs the signer's own
     * quality or admin role.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','ADMIN')")
    public ReturnLineView override(long lineId, long version, ReturnDisposition disposition, String meaning,
                                   String reason, org.serialregistry.security.Signer signer) {
        return overrideSigned(lineId, version, disposition, meaning, reason, signer.username(), signer.roles());
    }

    private ReturnLineView overrideSigned(long lineId, long version, ReturnDisposition disposition, String meaning,
                                          String reason, String me, java.util.Set<Role> roles) {
        var line = queries.line(lineId).orElseThrow(() -> new IllegalArgumentException("line: no return line " + lineId));
        var problems = new ArrayList<String>();
        if (disposition == null) {
            problems.add("disposition: choose restock, repair, refurbish, return to supplier, scrap or quarantine");
        } else if (disposition == line.disposition()) {
            problems.add("disposition: the unit is already routed to " + disposition.label().toLowerCase());
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            problems.add("reason: say in words (at most 1000 characters) why the disposition changes");
        }
        if (meaning == null || !List.of("APPROVAL", "REVIEW", "RESPONSIBILITY").contains(meaning)) {
            problems.add("meaning: approval, review or responsibility");
        }
        boolean touchesQuarantine = line.quarantined() || disposition == ReturnDisposition.QUARANTINE;
        if (touchesQuarantine && !roles.contains(Role.QUALITY) && !roles.contains(Role.ADMIN)) {
            problems.add("disposition: only the quality team releases or quarantines a unit");
        }
        if (line.completedAt() != null) {
            problems.add("line: the disposition was already carried out on " + line.completedAt());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Instant now = now();
        String printed = users.findByUsername(me).map(u -> u.displayName()).orElse(me);
        String text = "Overridden by " + printed + " (" + meaning.toLowerCase(Locale.ROOT) + ", " + now + "): " + why
                + " (was " + line.disposition().label().toLowerCase() + ": " + line.dispositionWhy() + ")";
        if (!store.override(lineId, version, disposition, text)) {
            throw new IllegalArgumentException("version: line " + line.lineNo() + " of " + line.rmaNumber()
                    + " was changed meanwhile; reload it");
        }
        String hash = sha256(lineId + "|" + line.rmaNumber() + "|" + line.serial() + "|" + line.disposition() + "|"
                + disposition + "|" + why + "|" + meaning + "|" + me + "|" + now);
        store.insertOverride(lineId, line.disposition(), disposition, why, me, printed, meaning, now, hash);
        audit.record("return-line.disposition-overridden", "return", line.rmaNumber(),
                AuditTrail.state("serial", line.serial(), "disposition", line.disposition().name()),
                AuditTrail.state("serial", line.serial(), "disposition", disposition.name(), "reason", why,
                        "signedBy", printed, "meaning", meaning, "contentHash", hash));
        return store.line(lineId).orElseThrow();
    }

    /**
     * Carries a line's disposition out, as a lifecycle event of the unit: restock (back in stock),
     * repair (repairing), refurbish (a new serial; the original decommissioned), return to supplier
     * (shipping) or scrap (destroying). A quarantined unit waits for a person's override.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    public ReturnLineView complete(long lineId, long version) {
        var line = queries.line(lineId).orElseThrow(() -> new IllegalArgumentException("line: no return line " + lineId));
        if (line.completedAt() != null) {
            throw new IllegalArgumentException("line: the disposition was already carried out on " + line.completedAt());
        }
        if (line.disposition() == ReturnDisposition.QUARANTINE) {
            throw new IllegalArgumentException("disposition: a quarantined unit is held for investigation; "
                    + "the quality team releases it with a signed override first");
        }
        var serial = new SerialNumber(line.serial());
        var txs = Map.of("rma", line.rmaNumber());
        String result = null;
        switch (line.disposition()) {
            case RESTOCK -> event(serial, BusinessStep.OTHER, Disposition.SELLABLE_ACCESSIBLE, txs, "restocked");
            case REPAIR -> event(serial, BusinessStep.REPAIRING, Disposition.ACTIVE, txs, "repaired after return");
            case RETURN_TO_SUPPLIER -> event(serial, BusinessStep.SHIPPING, Disposition.RETURNED, txs, "returned to supplier");
            case SCRAP -> units.record(new NewLifecycleEvent(List.of(serial), EpcisEventType.OBJECT_EVENT,
                    BusinessStep.DESTROYING, Disposition.DESTROYED, null, null, null, null, null, txs,
                    UnitStatus.DESTROYED, "scrapped after return under " + line.rmaNumber()));
            case REFURBISH -> result = refurbishments.refurbish(serial, line.rmaNumber(),
                    "refurbished after return under " + line.rmaNumber()).newSerial().value();
            case QUARANTINE -> throw new IllegalStateException("unreachable");
        }
        if (!store.complete(lineId, version, currentUser.require(), now(), result)) {
            throw new IllegalArgumentException("version: line " + line.lineNo() + " of " + line.rmaNumber()
                    + " was changed meanwhile; reload it");
        }
        audit.record("return-line.completed", "return", line.rmaNumber(), null, AuditTrail.state("serial", line.serial(),
                "disposition", line.disposition().name(), "newSerial", result));
        return store.line(lineId).orElseThrow();
    }

    private void event(SerialNumber serial, BusinessStep step, Disposition disposition, Map<String, String> txs, String why) {
        units.record(new NewLifecycleEvent(List.of(serial), EpcisEventType.OBJECT_EVENT, step, disposition, null, null,
                null, null, null, txs, null, why));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}

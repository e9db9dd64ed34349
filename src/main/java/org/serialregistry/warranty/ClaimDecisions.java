package org.serialregistry.warranty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.internal.ClaimStore;
import org.serialregistry.warranty.internal.ClaimTally;
import org.serialregistry.warranty.internal.SerialGate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

// Over 400 lines on purpose: every decision (one claim, a selection, assignment, service record,
// closing) goes through the same state rule, signature check and audit entry, which a split would
// pass between beans. Split out first: the bulk decision (decideAll) and its per-claim report, which
// only calls the single decision.
/**
 * What people decide on a claim after intake: approve or deny one that needs review (with an
 * electronic signature bound to the claim's content), assign it, record what service did under its
 * RMA number, close it.
 * <p>
 * Every decision is guarded by the claim's version: of two adjudicators deciding at once, the second
 * gets a {@link ClaimConflictException} naming who decided first. Which claims take a decision is
 * {@link ClaimState#canDecide()}.
 */
@Service
public class ClaimDecisions {

    private final SerialGate gate;
    private final Units units;
    private final ClaimStore store;
    private final ClaimTally tally;
    private final UserAdministration users;
    private final ClaimQueries queries;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ClaimDecisions(SerialGate gate, Units units, ClaimStore store, ClaimTally tally, UserAdministration users,
                   ClaimQueries queries, AuditTrail audit, ApplicationEventPublisher events,
                   PlatformTransactionManager tx, Clock clock) {
        this.gate = gate;
        this.units = units;
        this.store = store;
        this.tally = tally;
        this.users = users;
        this.queries = queries;
        this.audit = audit;
        this.events = events;
        this.transaction = new TransactionTemplate(tx);
        this.clock = clock;
    }

    /**
     * A person decides a claim that needs review, signing with their password.
     *
     * @param expectedVersion the version the person saw; if the claim changed since, nothing is written
     * @throws ClaimConflictException   when someone else decided or changed the claim meanwhile
     * @throws IllegalArgumentException for a wrong password, a missing reason or a claim that takes no decision
     */
    @Transactional
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public ClaimDetail decide(ClaimId claimId, long expectedVersion, ClaimDecision decision, SignatureMeaning meaning,
                              @Nullable String note, String password) {
        String me = ClaimActor.name();
        requireSignature(decision, meaning, note, password, me);
        return decideSigned(claimId, expectedVersion, decision, meaning, note, me);
    }

    /**
     * A person decides a claim through the API: the signer proved who they are in the request (see
     * {@link org.serialregistry.security.Signers}); the calling system needs the warranty role too.
     * The signature record and audit entry are the ones the portal writes, in the signer's name.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public ClaimDetail decide(ClaimId claimId, long expectedVersion, ClaimDecision decision, SignatureMeaning meaning,
                              @Nullable String note, org.serialregistry.security.Signer signer) {
        return decideSigned(claimId, expectedVersion, decision, meaning, note, signer.username());
    }

    /**
     * Checks what the signer wrote before the password, all at once: a refusal names every field,
     * and a missing reason is never reported as a wrong password.
     */
    private void requireSignature(@Nullable ClaimDecision decision, @Nullable SignatureMeaning meaning,
                                  @Nullable String note, @Nullable String password, String me) {
        var errors = new InvalidInput.Collector();
        requireDecision(errors, decision, meaning, note);
        if (errors.require(password != null && !password.isEmpty(), "password", "enter your password to sign")) {
            errors.throwIfAny();
            errors.require(users.confirmPassword(me, password), "password",
                    "the password is not correct; nothing was signed or decided");
        }
        errors.throwIfAny();
    }

    private static void requireDecision(InvalidInput.Collector errors, @Nullable ClaimDecision decision,
                                        @Nullable SignatureMeaning meaning, @Nullable String note) {
        errors.require(decision != null && decision != ClaimDecision.NEEDS_REVIEW, "decision", "approve or deny");
        errors.require(meaning != null, "meaning", "say what the signature means (approval, review, responsibility)");
        String why = note == null || note.isBlank() ? null : note.strip();
        errors.require(why == null || why.length() <= 1000, "note", "at most 1000 characters");
        errors.require(decision != ClaimDecision.DENIED || why != null, "note", "say in words why the claim is denied");
    }

    private ClaimDetail decideSigned(ClaimId id, long expectedVersion, ClaimDecision decision,
                                     SignatureMeaning meaning, @Nullable String note, String me) {
        long claimId = id.value();
        if (decision == null || decision == ClaimDecision.NEEDS_REVIEW) {
            throw new IllegalArgumentException("decision: approve or deny");
        }
        if (meaning == null) {
            throw new IllegalArgumentException("meaning: say what the signature means (approval, review, responsibility)");
        }
        String why = note == null || note.isBlank() ? null : note.strip();
        if (why != null && why.length() > 1000) {
            throw new IllegalArgumentException("note: at most 1000 characters");
        }
        if (decision == ClaimDecision.DENIED && why == null) {
            throw new IllegalArgumentException("note: say in words why the claim is denied");
        }
        var claim = store.find(claimId).orElseThrow(() -> new IllegalArgumentException("claim: no claim " + claimId));
        if (claim.version() != expectedVersion) {
            throw conflict(claim);
        }
        requireDecidable(claim);
        Instant now = ClaimActor.now(clock);
        ClaimState state = decision == ClaimDecision.APPROVED ? ClaimState.RMA_ISSUED : ClaimState.DENIED;
        String reasons = (decision == ClaimDecision.APPROVED ? "Approved by " : "Denied by ") + me
                + (why == null ? "" : ": " + why) + " (automatic checks: " + Optional.ofNullable(claim.decisionReasons()).orElse("-") + ")";
        if (reasons.length() > 2000) {
            reasons = reasons.substring(0, 1999) + "…";
        }
        boolean updated;
        try {
            updated = store.decideByPerson(claimId, expectedVersion, state, decision, reasons,
                    decision == ClaimDecision.APPROVED ? id.rma() : null, me, now);
        } catch (ConcurrencyFailureException e) {
            updated = false;
        }
        if (!updated) {
            throw conflict(store.find(claimId).orElse(claim));
        }
        var decided = store.find(claimId).orElseThrow();
        String printed = users.findByUsername(me).map(u -> u.displayName()).orElse(me);
        String hash = contentHash(decided, store.checks(claimId), decision, meaning, why, me, now);
        store.insertSignature(claimId, me, printed, meaning, decision, why, now, hash);
        if (decision == ClaimDecision.DENIED) {
            tally.add(decided, 0, 1);
        }
        audit.record("claim.decided", "claim", claim.claimNumber(), AuditTrail.state("state", claim.state().name(),
                "version", claim.version()), AuditTrail.state("state", state.name(), "decision", decision.name(),
                "signedBy", printed, "meaning", meaning.name(), "note", why, "contentHash", hash));
        events.publishEvent(new ClaimDecided(id, claim.claimNumber(), claim.gtin(), claim.serial(), claim.lot(),
                claim.defect(), decision, false));
        return queries.detail(id).orElseThrow();
    }

    private static void requireDecidable(ClaimView claim) {
        if (!claim.state().canDecide()) {
            throw new IllegalArgumentException("claim: " + claim.claimNumber() + " is " + claim.state().label().toLowerCase()
                    + "; only claims that need review take a decision");
        }
    }

    private ClaimConflictException conflict(ClaimView now) {
        return new ClaimConflictException("Claim " + now.claimNumber() + " was changed meanwhile"
                + (now.decidedBy() != null && !now.decidedAutomatically() ? " by " + now.decidedBy() : "")
                + ": it is now " + now.state().label().toLowerCase() + ". Reload it before deciding.");
    }

    /** The most claims one bulk decision takes (the API's page size). */
    public static final int MAX_BULK = 500;

    /**
     * Decides several claims with one signature. Each claim is decided in its own transaction; a
     * claim someone else changed meanwhile is skipped and named in the result.
     */
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public BulkDecisionResult decideAll(List<ClaimView> claims, ClaimDecision decision, SignatureMeaning meaning,
                                        @Nullable String note, String password) {
        String me = ClaimActor.name();
        if (claims == null || claims.isEmpty()) {
            throw new IllegalArgumentException("claims: select at least one claim");
        }
        requireSignature(decision, meaning, note, password, me);
        return decideEach(claims, new ArrayList<>(), decision, meaning, note, me);
    }

    /**
     * Decides several claims with one signature, through the API. The decision, meaning and note are
     * checked first (every problem in one {@link InvalidInput}), then every claim named: one that does
     * not exist, is named twice or takes no decision is refused with its reason, and the others are
     * not held up by it. Then the signer is proven, once ({@code signer} is asked only when every
     * field is right), and each admitted claim is decided in its own transaction, with its own
     * signature record and audit entry in the signer's name, as {@link #decide} writes them; a claim
     * someone changed meanwhile is refused.
     *
     * @param claimNumbers the claims, as {@code WC-0000042}; at most {@link #MAX_BULK}
     * @throws InvalidInput naming {@code claims}, {@code decision}, {@code meaning} or {@code note}; or
     *                      what {@code signer} throws (a wrong password: nothing is decided)
     */
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public BulkDecisionResult decideAll(@Nullable List<String> claimNumbers, @Nullable ClaimDecision decision,
                                        @Nullable SignatureMeaning meaning, @Nullable String note,
                                        Supplier<org.serialregistry.security.Signer> signer) {
        var errors = new InvalidInput.Collector();
        if (errors.require(claimNumbers != null && !claimNumbers.isEmpty(), "claims", "name at least one claim")) {
            errors.require(claimNumbers.size() <= MAX_BULK, "claims",
                    "at most " + MAX_BULK + " claims at once, got " + claimNumbers.size());
        }
        requireDecision(errors, decision, meaning, note);
        errors.throwIfAny();
        var admitted = new ArrayList<ClaimView>();
        var refused = new ArrayList<BulkDecisionResult.Refusal>();
        var seen = new HashSet<Long>();
        for (String number : claimNumbers) {
            try {
                long id = ClaimId.of(number).value();
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("claim: named more than once; it is decided once");
                }
                var claim = store.find(id).orElseThrow(() -> new IllegalArgumentException("claim: no claim " + number));
                requireDecidable(claim);
                admitted.add(claim);
            } catch (IllegalArgumentException e) {
                refused.add(new BulkDecisionResult.Refusal(String.valueOf(number), InvalidInput.of(e).getFirst().message()));
            }
        }
        String me = signer.get().username();
        return decideEach(admitted, refused, decision, meaning, note, me);
    }

    private BulkDecisionResult decideEach(List<ClaimView> claims, List<BulkDecisionResult.Refusal> refused,
                                          ClaimDecision decision, SignatureMeaning meaning, @Nullable String note,
                                          String me) {
        var decided = new ArrayList<ClaimDetail>();
        for (var c : claims) {
            try {
                decided.add(transaction.execute(s -> decideSigned(c.id(), c.version(), decision, meaning, note, me)));
            } catch (ClaimConflictException | IllegalArgumentException e) {
                refused.add(new BulkDecisionResult.Refusal(c.claimNumber(), InvalidInput.of(e).getFirst().message()));
            }
        }
        return new BulkDecisionResult(decided, refused);
    }

    /** Assigns a claim to an adjudicator (null: unassigned). */
    @Transactional
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public ClaimView assign(ClaimId claimId, @Nullable String username) {
        var claim = store.find(claimId.value()).orElseThrow(() -> new IllegalArgumentException("claim: no claim " + claimId));
        String who = username == null || username.isBlank() ? null : username.strip().toLowerCase();
        if (who != null && users.findByUsername(who).isEmpty()) {
            throw new IllegalArgumentException("assignee: no user " + who);
        }
        store.assign(claimId.value(), who);
        audit.record("claim.assigned", "claim", claim.claimNumber(), AuditTrail.state("assignedTo", claim.assignedTo()),
                AuditTrail.state("assignedTo", who));
        return store.find(claimId.value()).orElseThrow();
    }

    // ---------------------------------------------------------------- service outcome

    /**
     * Records what a service centre did under the claim's RMA: repaired, replaced (with the serial of
     * the replacement unit, linked both ways) or no fault found. A lifecycle event (repairing or
     * replacing) names the units with the RMA number as business transaction.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    public ClaimView recordServiceOutcome(ClaimId id, long expectedVersion, ServiceOutcome outcome,
                                          @Nullable String replacementSerial, String summary) {
        long claimId = id.value();
        var claim = store.find(claimId).orElseThrow(() -> new IllegalArgumentException("claim: no claim " + claimId));
        if (claim.version() != expectedVersion) {
            throw conflict(claim);
        }
        if (claim.state() != ClaimState.RMA_ISSUED) {
            throw new IllegalArgumentException("claim: " + claim.claimNumber() + " is " + claim.state().label().toLowerCase()
                    + "; service is logged on claims with an RMA number");
        }
        if (outcome == null) {
            throw new IllegalArgumentException("outcome: repaired, replaced or no fault found");
        }
        String reason = claim.rmaNumber() + ": " + (summary == null ? "" : summary.strip());
        if (reason.length() > 480) {
            reason = reason.substring(0, 479) + "…";
        }
        String replacement = null;
        var serials = new ArrayList<SerialNumber>(List.of(new SerialNumber(claim.serial())));
        if (outcome == ServiceOutcome.REPLACED) {
            if (replacementSerial == null || replacementSerial.isBlank()) {
                throw new IllegalArgumentException("replacementSerial: a replacement needs the serial of the new unit");
            }
            replacement = SerialGate.serialText(replacementSerial);
            if (replacement.equals(claim.serial())) {
                throw new IllegalArgumentException("replacementSerial: the replacement must be another unit");
            }
            var unit = gate.admit(new Gtin(claim.gtin()), replacement, "CLAIM");
            if (!unit.status().active()) {
                throw new IllegalArgumentException("replacementSerial: unit " + replacement + " is "
                        + unit.status().label().toLowerCase() + " and cannot be shipped as a replacement");
            }
            if (!store.replacing(replacement).isEmpty()) {
                throw new IllegalArgumentException("replacementSerial: unit " + replacement + " already replaced "
                        + store.replacing(replacement).getFirst().serial());
            }
            serials.add(new SerialNumber(replacement));
            reason = reason + " (replacement " + replacement + " for " + claim.serial() + ")";
        } else if (replacementSerial != null && !replacementSerial.isBlank()) {
            throw new IllegalArgumentException("replacementSerial: only a replacement names a new unit");
        }
        units.record(new NewLifecycleEvent(serials, EpcisEventType.OBJECT_EVENT,
                outcome == ServiceOutcome.REPLACED ? BusinessStep.REPLACING : BusinessStep.REPAIRING,
                outcome == ServiceOutcome.REPLACED ? Disposition.RETURNED : Disposition.ACTIVE, null, null, null,
                null, null, Map.of("rma", claim.rmaNumber()), null, reason));
        ClaimState state = switch (outcome) {
            case REPAIRED -> ClaimState.REPAIRED;
            case REPLACED -> ClaimState.REPLACED;
            case NO_FAULT_FOUND -> ClaimState.CLOSED;
        };
        if (!store.serviceOutcome(claimId, expectedVersion, state, replacement,
                state == ClaimState.CLOSED ? ClaimActor.now(clock) : null)) {
            throw conflict(store.find(claimId).orElse(claim));
        }
        audit.record("claim.serviced", "claim", claim.claimNumber(), AuditTrail.state("state", claim.state().name()),
                AuditTrail.state("state", state.name(), "outcome", outcome.name(), "replacement", replacement));
        return store.find(claimId).orElseThrow();
    }

    /** Closes a claim whose work is done (repaired, replaced or denied). */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    public ClaimView close(ClaimId id, long expectedVersion) {
        long claimId = id.value();
        var claim = store.find(claimId).orElseThrow(() -> new IllegalArgumentException("claim: no claim " + claimId));
        if (claim.version() != expectedVersion) {
            throw conflict(claim);
        }
        if (claim.state() != ClaimState.REPAIRED && claim.state() != ClaimState.REPLACED
                && claim.state() != ClaimState.DENIED) {
            throw new IllegalArgumentException("claim: " + claim.claimNumber() + " is "
                    + claim.state().label().toLowerCase() + " and cannot be closed yet");
        }
        if (!store.serviceOutcome(claimId, expectedVersion, ClaimState.CLOSED, null, ClaimActor.now(clock))) {
            throw conflict(claim);
        }
        audit.record("claim.closed", "claim", claim.claimNumber(), AuditTrail.state("state", claim.state().name()),
                AuditTrail.state("state", "CLOSED"));
        return store.find(claimId).orElseThrow();
    }

    static String contentHash(ClaimView c, List<CheckResult> checks, ClaimDecision decision, SignatureMeaning meaning,
                              @Nullable String note, String signer, Instant at) {
        var text = new StringBuilder();
        text.append(c.claimNumber()).append('|').append(c.gtin()).append('|').append(c.serial()).append('|')
                .append(c.defect()).append('|').append(c.failureDate()).append('|').append(c.claimantName()).append('|')
                .append(c.claimantEmail()).append('|').append(c.description()).append('|').append(decision).append('|')
                .append(meaning).append('|').append(note).append('|').append(signer).append('|').append(at);
        checks.forEach(k -> text.append('|').append(k.check()).append('=').append(k.passed()).append(':').append(k.detail()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

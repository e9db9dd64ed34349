package org.serialregistry.warranty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.shared.UnitCode;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.CounterfeitList;
import org.serialregistry.warranty.internal.ClaimStore;
import org.serialregistry.warranty.internal.ClaimTally;
import org.serialregistry.warranty.internal.ClaimWorkbook;
import org.serialregistry.warranty.internal.FileStore;
import org.serialregistry.warranty.internal.RegistrationStore;
import org.serialregistry.warranty.internal.SerialGate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Warranty claims: intake (portal, API, Excel), automatic adjudication that runs and records every
 * check, decisions by people with an electronic signature, RMA numbers, and the outcome of service.
 * <p>
 * Only genuine, issued serials of the named product are taken; anything else is refused and
 * reported as a suspect code. A claim whose checks all pass is approved and gets its RMA number at
 * once; a failed check denies it or sends it to review, as {@link AdjudicationProperties} says.
 * Decisions by people are guarded by the claim's version: of two adjudicators deciding at once, the
 * second gets a {@link ClaimConflictException} naming who decided first.
 */
@Service
public class WarrantyClaims {

    private static final int MAX_DESCRIPTION = 2000;

    private final SerialGate gate;
    private final Units units;
    private final CounterfeitList counterfeits;
    private final WarrantyCoverage coverage;
    private final RegistrationStore registrations;
    private final ClaimStore store;
    private final ClaimTally tally;
    private final FileStore files;
    private final UserAdministration users;
    private final AdjudicationProperties rules;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    private final SerialHoppingProperties hopping;
    private final ObjectProvider<ClaimCentres> centres;
    private final CurrentUser currentUser;

    WarrantyClaims(SerialGate gate, Units units, CounterfeitList counterfeits, WarrantyCoverage coverage,
                   RegistrationStore registrations, ClaimStore store, ClaimTally tally, FileStore files,
                   UserAdministration users, AdjudicationProperties rules, SerialHoppingProperties hopping,
                   AuditTrail audit, ApplicationEventPublisher events, PlatformTransactionManager tx, Clock clock,
                   ObjectProvider<ClaimCentres> centres, CurrentUser currentUser) {
        this.centres = centres;
        this.currentUser = currentUser;
        this.hopping = hopping;
        this.gate = gate;
        this.units = units;
        this.counterfeits = counterfeits;
        this.coverage = coverage;
        this.registrations = registrations;
        this.store = store;
        this.tally = tally;
        this.files = files;
        this.users = users;
        this.rules = rules;
        this.audit = audit;
        this.events = events;
        this.transaction = new TransactionTemplate(tx);
        this.clock = clock;
    }

    // ---------------------------------------------------------------- intake and adjudication

    /** A claim whose fields are valid and whose serial is genuine, issued and of the named product. */
    private record ValidClaim(UnitRecord unit, DefectCode defect, LocalDate failureDate, String claimantName,
                              String claimantEmail, @Nullable String description, @Nullable String reference,
                              @Nullable String receipt) {
    }

    /**
     * Takes a claim and decides it automatically.
     *
     * @throws IllegalArgumentException naming the field (a forged or unknown serial is also reported as a suspect code)
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    public ClaimResult submit(NewClaim claim, ClaimChannel channel) {
        String by = actor();
        if (claim.externalReference() != null && !claim.externalReference().isBlank()) {
            var earlier = store.findByReference(by, claim.externalReference().strip());
            if (earlier.isPresent()) {
                return new ClaimResult(earlier.get(), store.checks(earlier.get().id()), false);
            }
        }
        return adjudicate(validate(claim), channel, by);
    }

    /** Checks every field in one pass; all problems are reported together ({@link InvalidInput}). */
    private ValidClaim validate(NewClaim c) {
        var errors = new InvalidInput.Collector();
        Gtin gtin = errors.get("gtin", () -> SerialGate.gtin(c.gtin()));
        String serial = errors.get("serial", () -> SerialGate.serialText(c.serial()));
        DefectCode defect = errors.get("defectCode", () -> DefectCode.parse("defectCode", c.defectCode()));
        LocalDate today = LocalDate.now(clock);
        LocalDate failure = c.failureDate() == null ? today : c.failureDate();
        errors.require(!failure.isAfter(today), "failureDate", failure + " is in the future");
        String name = errors.get("claimantName", () -> OwnershipRegistry.text("claimantName", c.claimantName(), 128));
        String email = errors.get("claimantEmail", () -> OwnershipRegistry.email("claimantEmail", c.claimantEmail()));
        String description = c.description() == null || c.description().isBlank() ? null : c.description().strip();
        errors.require(description == null || description.length() <= MAX_DESCRIPTION, "description",
                "at most " + MAX_DESCRIPTION + " characters");
        String reference = c.externalReference() == null || c.externalReference().isBlank() ? null
                : c.externalReference().strip();
        errors.require(reference == null || reference.length() <= 64, "externalReference", "at most 64 characters");
        if (gtin == null && serial != null) {
            // without a product the gate cannot judge the serial; its shape can still be checked now
            String problem = UnitCode.problem(serial);
            if (problem != null) {
                errors.add("serial", problem);
            }
        }
        String receipt = c.purchaseReceipt() == null || c.purchaseReceipt().isBlank() ? null : c.purchaseReceipt().strip();
        errors.require(receipt == null || receipt.length() <= 64, "purchaseReceipt", "at most 64 characters");
        // the gate records a suspect code as a signal, so it sees only a well-formed GTIN and serial
        UnitRecord unit = gtin == null || serial == null ? null : errors.get("serial", () -> gate.admit(gtin, serial, "CLAIM"));
        if (unit != null && !errors.has("failureDate")) {
            errors.require(!failure.isBefore(unit.productionDate()), "failureDate", failure
                    + " is before the unit was made (" + unit.productionDate() + ")");
        }
        errors.throwIfAny();
        return new ValidClaim(unit, defect, failure, name, email, description, reference, receipt);
    }

    private ClaimResult adjudicate(ValidClaim v, ClaimChannel channel, String by) {
        var unit = v.unit();
        String serial = unit.serial().value();
        Instant now = now();
        var earlier = store.ofSerial(serial);
        var cover = coverage.of(unit, v.failureDate());
        var policy = cover.policy();
        var checks = new ArrayList<CheckResult>();

        checks.add(check(ClaimCheck.GENUINE_SERIAL, true, "The code passes its cryptographic check; the unit was made on "
                + unit.productionDate() + " in lot " + unit.lot().value() + " at " + unit.facilityCode() + "/"
                + unit.lineCode()));
        boolean listed = counterfeits.isListed(serial);
        checks.add(check(ClaimCheck.NOT_LISTED_COUNTERFEIT, !listed, listed
                ? "The serial is on the public counterfeit list" : "The serial is not on the counterfeit list"));
        checks.add(check(ClaimCheck.UNIT_IN_SERVICE, !unit.status().terminal(), unit.status().terminal()
                ? "The unit is recorded as " + unit.status().label().toLowerCase() + "; it cannot be under warranty"
                : "Unit status is " + unit.status().label().toLowerCase()));
        if (policy == null) {
            checks.add(check(ClaimCheck.WITHIN_TERM, false, "No warranty policy exists for this product"));
        } else if (!cover.lines().isEmpty()) {
            boolean within = cover.withinTerm();
            checks.add(check(ClaimCheck.WITHIN_TERM, within, "Failure on " + v.failureDate()
                    + (within ? " is within cover: " : " is outside every coverage line: ") + cover.rule()));
        } else {
            boolean within = !v.failureDate().isBefore(cover.startDate()) && !v.failureDate().isAfter(cover.until());
            String rule = cover.rule() + "; cover from " + cover.startDate() + " until " + cover.until();
            checks.add(check(ClaimCheck.WITHIN_TERM, within, within
                    ? "Failure on " + v.failureDate() + " is within cover (" + rule + ")"
                    : v.failureDate().isAfter(cover.until())
                    ? "Failure on " + v.failureDate() + " is after cover ended on " + cover.until() + " (" + rule + ")"
                    : "Failure on " + v.failureDate() + " is before cover started on " + cover.startDate() + " (" + rule + ")"));
        }
        checks.add(claimantCheck(v));
        if (policy == null) {
            checks.add(check(ClaimCheck.DEFECT_COVERED, false, "No warranty policy exists for this product"));
        } else if (policy.excludedDefects().contains(v.defect())) {
            checks.add(check(ClaimCheck.DEFECT_COVERED, false, v.defect().label() + " is excluded by policy version "
                    + policy.version()));
        } else if (!policy.coveredDefects().contains(v.defect())) {
            checks.add(check(ClaimCheck.DEFECT_COVERED, false, v.defect().label()
                    + " is not among the defects policy version " + policy.version() + " covers"));
        } else {
            checks.add(check(ClaimCheck.DEFECT_COVERED, true, v.defect().label() + " is covered ("
                    + (!cover.lines().isEmpty() ? paidOn(cover)
                    : policy.partsCovered() && policy.labourCovered() ? "parts and labour"
                    : policy.partsCovered() ? "parts only" : policy.labourCovered() ? "labour only" : "no parts or labour")
                    + ")"));
        }
        var duplicates = earlier.stream().filter(e -> e.defect() == v.defect() && e.state() != ClaimState.DENIED).toList();
        checks.add(check(ClaimCheck.NOT_DUPLICATE, duplicates.isEmpty(), duplicates.isEmpty()
                ? "No other open or settled claim for " + v.defect().label().toLowerCase() + " on this unit"
                : "Claim " + String.join(", ", duplicates.stream().map(d -> d.claimNumber() + " ("
                + d.state().label().toLowerCase() + ")").toList()) + " already names " + v.defect().label().toLowerCase()
                  + " on this unit"));
        long counted = earlier.stream().filter(e -> e.state() != ClaimState.DENIED).count();
        if (policy == null) {
            checks.add(check(ClaimCheck.UNDER_CLAIM_LIMIT, false, "No warranty policy exists for this product"));
        } else {
            checks.add(check(ClaimCheck.UNDER_CLAIM_LIMIT, counted < policy.claimLimit(),
                    WarrantyEligibility.claimsInWords(counted, policy.claimLimit())));
        }

        boolean deny = checks.stream().anyMatch(c -> !c.passed() && c.onFailure() == FailureAction.DENY);
        boolean review = checks.stream().anyMatch(c -> !c.passed());
        ClaimDecision decision = deny ? ClaimDecision.DENIED : review ? ClaimDecision.NEEDS_REVIEW : ClaimDecision.APPROVED;
        String reasons = decision == ClaimDecision.APPROVED ? "All " + checks.size() + " checks passed"
                : String.join("; ", checks.stream().filter(c -> !c.passed())
                .filter(c -> !deny || c.onFailure() == FailureAction.DENY)
                .map(c -> c.check().label() + " failed: " + c.detail()).toList());
        if (reasons.length() > 2000) {
            reasons = reasons.substring(0, 1999) + "…";
        }
        long id = store.insert(new ClaimStore.Draft(serial, unit.gtin().value(), unit.lot().value(), unit.facilityCode(),
                unit.lineCode(), unit.productionDate(), v.defect(), v.description(), v.failureDate(), v.claimantName(),
                v.claimantEmail(), by, channel, v.reference(), now));
        store.insertChecks(id, checks);
        ClaimState state = switch (decision) {
            case APPROVED -> ClaimState.RMA_ISSUED;
            case DENIED -> ClaimState.DENIED;
            case NEEDS_REVIEW -> ClaimState.NEEDS_REVIEW;
        };
        store.decideAutomatically(id, state, decision, reasons, policy == null ? null : policy.id(), cover.until(),
                decision == ClaimDecision.APPROVED ? ClaimView.rma(id) : null, now);
        var saved = store.find(id).orElseThrow();
        tally.add(saved, 1, decision == ClaimDecision.DENIED ? 1 : 0);
        audit.record("claim.submitted", "claim", saved.claimNumber(), null, AuditTrail.state("serial", serial,
                "defect", v.defect().name(), "channel", channel.name(), "decision", decision.name(),
                "reasons", reasons, "rma", saved.rmaNumber()));
        events.publishEvent(new ClaimDecided(id, saved.claimNumber(), saved.gtin(), serial, saved.lot(), v.defect(),
                decision, true));
        if (!duplicates.isEmpty()) {
            events.publishEvent(new DuplicateClaimSuspected(id, saved.gtin(), serial, v.defect(),
                    duplicates.stream().map(ClaimView::claimNumber).toList(), by));
        }
        String claimant = saved.claimantEmail().toLowerCase(java.util.Locale.ROOT);
        var others = store.serialsClaimedBy(claimant, now.minus(hopping.window()), serial);
        if (others.size() + 1 >= hopping.serials()) {
            events.publishEvent(new SerialHoppingSuspected(id, saved.claimNumber(), saved.gtin(), serial, claimant,
                    others, (int) hopping.window().toDays(), by));
        }
        return new ClaimResult(saved, List.copyOf(checks), true);
    }

    /**
     * The claimant must be the registered owner or, for a unit no owner registered, match the
     * selling party's record of the sale (the receipt number it recorded). A unit never sold nor
     * registered has no record to match: a person looks at the claim.
     */
    private CheckResult claimantCheck(ValidClaim v) {
        String serial = v.unit().serial().value();
        if (registrations.hasOpenConflict(serial)) {
            return check(ClaimCheck.CLAIMANT_IS_OWNER, false,
                    "Ownership is in dispute: a second registration of this unit awaits review");
        }
        var owner = registrations.active(serial);
        if (owner.isPresent()) {
            var o = owner.get();
            boolean same = o.email().equalsIgnoreCase(v.claimantEmail())
                    || normalise(o.ownerName()).equals(normalise(v.claimantName()));
            return check(ClaimCheck.CLAIMANT_IS_OWNER, same, same
                    ? "The claimant is the registered owner (registered " + o.purchaseDate() + ")"
                    : "The claimant " + v.claimantName() + " is not the registered owner (registered to another person "
                      + "since " + o.purchaseDate() + ")");
        }
        var sale = coverage.retailSaleEvent(v.unit().serial());
        if (sale.isEmpty()) {
            return check(ClaimCheck.CLAIMANT_IS_OWNER, false, "Nothing to match the claimant " + v.claimantName()
                    + " with: unit never sold or registered (no owner registered it and no seller recorded a sale)");
        }
        var e = sale.get();
        String seller = e.sourceParty() == null ? "the seller" : e.sourceParty().replaceFirst("^urn:serial-registry:party:", "");
        String soldOn = LocalDate.ofInstant(e.eventTime(), java.time.ZoneOffset.UTC).toString();
        String recorded = e.bizTransactions().get("inv");
        if (recorded != null && recorded.equalsIgnoreCase(v.receipt())) {
            return check(ClaimCheck.CLAIMANT_IS_OWNER, true, "No owner is registered; the claimant holds the receipt "
                    + seller + " recorded with the sale on " + soldOn);
        }
        // the recorded receipt number is never shown: it is what a stranger would need to pass
        return check(ClaimCheck.CLAIMANT_IS_OWNER, false, "No owner is registered and the claimant " + v.claimantName()
                + " does not match the seller's record of the sale on " + soldOn + " by " + seller + ": "
                + (recorded == null ? "the seller recorded no receipt number"
                : v.receipt() == null ? "the claim quotes no receipt number" : "the receipt number quoted is not the one recorded"));
    }

    /** "pays parts and travel on 2026-11-20", from the lines that cover the failure date. */
    private static String paidOn(Coverage cover) {
        var paid = cover.lines().stream().filter(LineCover::covered).map(l -> l.line().kind().label().toLowerCase()).toList();
        return paid.isEmpty() ? "no line pays on " + cover.onDate()
                : "pays " + String.join(" and ", paid) + " on " + cover.onDate();
    }

    private CheckResult check(ClaimCheck check, boolean passed, String detail) {
        return new CheckResult(check, passed, rules.actionFor(check), detail);
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase().replaceAll("\\s+", " ");
    }

    /**
     * Imports a workbook of claims (see {@link #WORKBOOK_COLUMNS}): every row is checked first; if any
     * row is bad nothing is imported and each bad row is reported. Otherwise all rows are adjudicated
     * in one transaction.
     *
     * @param progress called with (rows done, rows in all) while it runs
     */
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    public ClaimImportReport importWorkbook(byte[] workbook, @Nullable BiConsumer<Integer, Integer> progress) {
        var rows = ClaimWorkbook.read(workbook);
        // every row is checked, all fields of each, so that one upload reports every problem
        var problems = new ArrayList<ClaimImportReport.RowProblem>(rows.problems());
        var unreadable = new HashSet<Integer>();
        rows.problems().forEach(p -> unreadable.add(p.row()));
        String by = actor();
        int total = rows.rows().size() + rows.problems().size();
        var valid = new ArrayList<ValidClaim>();
        var references = new HashSet<String>();
        int done = 0;
        for (var row : rows.rows()) {
            try {
                var v = transaction.execute(s -> validate(row.claim()));
                if (v.reference() != null && (!references.add(v.reference())
                        || store.findByReference(by, v.reference()).isPresent())) {
                    throw new IllegalArgumentException("externalReference: " + v.reference() + " was used before");
                }
                valid.add(v);
            } catch (IllegalArgumentException e) {
                problems.add(new ClaimImportReport.RowProblem(row.row(), ClaimWorkbook.inColumnWords(e)));
            }
            if (progress != null) {
                progress.accept(++done, total * 2);
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(ClaimImportReport.RowProblem::row));
            return new ClaimImportReport(false, total, problems, List.of());
        }
        var results = new ArrayList<ClaimResult>();
        try {
            transaction.executeWithoutResult(s -> {
                int n = total;
                for (int i = 0; i < valid.size(); i++) {
                    try {
                        results.add(adjudicate(valid.get(i), ClaimChannel.EXCEL, by));
                    } catch (IllegalArgumentException e) {
                        problems.add(new ClaimImportReport.RowProblem(rows.rows().get(i).row(),
                                ClaimWorkbook.inColumnWords(e)));
                        throw e;
                    }
                    if (progress != null) {
                        progress.accept(++n, total * 2);
                    }
                }
                audit.record("claims.imported", "claim-import", by, null, AuditTrail.state("rows", total,
                        "first", results.isEmpty() ? null : results.getFirst().claim().claimNumber()));
            });
        } catch (IllegalArgumentException e) {
            return new ClaimImportReport(false, total, problems, List.of());
        }
        return new ClaimImportReport(true, total, List.of(), results);
    }

    /** The problems of a claim row or file, each named by its column header rather than its field name. */
    public static String inColumnWords(RuntimeException e) {
        return ClaimWorkbook.inColumnWords(e);
    }

    /** Header of the claim workbook, in column order; the first sheet is read. */
    public static final List<String> WORKBOOK_COLUMNS = ClaimWorkbook.COLUMNS;

    /** An empty claim workbook with the header row, for repair networks to fill in. */
    public static byte[] workbookTemplate() {
        return ClaimWorkbook.write(List.of());
    }

    // ---------------------------------------------------------------- decisions by people

    /**
     * A person decides a claim that needs review, signing with their password.
     *
     * @param expectedVersion the version the person saw; if the claim changed since, nothing is written
     * @throws ClaimConflictException   when someone else decided or changed the claim meanwhile
     * @throws IllegalArgumentException for a wrong password, a missing reason or a claim that takes no decision
     */
    @Transactional
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public ClaimDetail decide(long claimId, long expectedVersion, ClaimDecision decision, SignatureMeaning meaning,
                              @Nullable String note, String password) {
        String me = actor();
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
    public ClaimDetail decide(long claimId, long expectedVersion, ClaimDecision decision, SignatureMeaning meaning,
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
        errors.require(decision != null && decision != ClaimDecision.NEEDS_REVIEW, "decision", "approve or deny");
        errors.require(meaning != null, "meaning", "say what the signature means (approval, review, responsibility)");
        String why = note == null || note.isBlank() ? null : note.strip();
        errors.require(why == null || why.length() <= 1000, "note", "at most 1000 characters");
        errors.require(decision != ClaimDecision.DENIED || why != null, "note", "say in words why the claim is denied");
        if (errors.require(password != null && !password.isEmpty(), "password", "enter your password to sign")) {
            errors.throwIfAny();
            errors.require(users.confirmPassword(me, password), "password",
                    "the password is not correct; nothing was signed or decided");
        }
        errors.throwIfAny();
    }

    private ClaimDetail decideSigned(long claimId, long expectedVersion, ClaimDecision decision,
                                     SignatureMeaning meaning, @Nullable String note, String me) {
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
        if (claim.state() != ClaimState.NEEDS_REVIEW && claim.state() != ClaimState.SUBMITTED) {
            throw new IllegalArgumentException("claim: " + claim.claimNumber() + " is " + claim.state().label().toLowerCase()
                    + "; only claims that need review take a decision");
        }
        Instant now = now();
        ClaimState state = decision == ClaimDecision.APPROVED ? ClaimState.RMA_ISSUED : ClaimState.DENIED;
        String reasons = (decision == ClaimDecision.APPROVED ? "Approved by " : "Denied by ") + me
                + (why == null ? "" : ": " + why) + " (automatic checks: " + Optional.ofNullable(claim.decisionReasons()).orElse("-") + ")";
        if (reasons.length() > 2000) {
            reasons = reasons.substring(0, 1999) + "…";
        }
        boolean updated;
        try {
            updated = store.decideByPerson(claimId, expectedVersion, state, decision, reasons,
                    decision == ClaimDecision.APPROVED ? ClaimView.rma(claimId) : null, me, now);
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
        events.publishEvent(new ClaimDecided(claimId, claim.claimNumber(), claim.gtin(), claim.serial(), claim.lot(),
                claim.defect(), decision, false));
        return detail(claimId).orElseThrow();
    }

    private ClaimConflictException conflict(ClaimView now) {
        return new ClaimConflictException("Claim " + now.claimNumber() + " was changed meanwhile"
                + (now.decidedBy() != null && !now.decidedAutomatically() ? " by " + now.decidedBy() : "")
                + ": it is now " + now.state().label().toLowerCase() + ". Reload it before deciding.");
    }

    /**
     * Decides several claims with one signature. Each claim is decided in its own transaction; a
     * claim someone else changed meanwhile is skipped and named in the result.
     */
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public BulkDecisionResult decideAll(List<ClaimView> claims, ClaimDecision decision, SignatureMeaning meaning,
                                        @Nullable String note, String password) {
        String me = actor();
        if (claims == null || claims.isEmpty()) {
            throw new IllegalArgumentException("claims: select at least one claim");
        }
        requireSignature(decision, meaning, note, password, me);
        int decided = 0;
        var problems = new ArrayList<String>();
        for (var c : claims) {
            try {
                transaction.executeWithoutResult(s -> decideSigned(c.id(), c.version(), decision, meaning, note, me));
                decided++;
            } catch (ClaimConflictException | IllegalArgumentException e) {
                problems.add(c.claimNumber() + ": " + e.getMessage());
            }
        }
        return new BulkDecisionResult(decided, problems);
    }

    /** Assigns a claim to an adjudicator (null: unassigned). */
    @Transactional
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public ClaimView assign(long claimId, @Nullable String username) {
        var claim = store.find(claimId).orElseThrow(() -> new IllegalArgumentException("claim: no claim " + claimId));
        String who = username == null || username.isBlank() ? null : username.strip().toLowerCase();
        if (who != null && users.findByUsername(who).isEmpty()) {
            throw new IllegalArgumentException("assignee: no user " + who);
        }
        store.assign(claimId, who);
        audit.record("claim.assigned", "claim", claim.claimNumber(), AuditTrail.state("assignedTo", claim.assignedTo()),
                AuditTrail.state("assignedTo", who));
        return store.find(claimId).orElseThrow();
    }

    // ---------------------------------------------------------------- service outcome

    /**
     * Records what a service centre did under the claim's RMA: repaired, replaced (with the serial of
     * the replacement unit, linked both ways) or no fault found. A lifecycle event (repairing or
     * replacing) names the units with the RMA number as business transaction.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    public ClaimView recordServiceOutcome(long claimId, long expectedVersion, ServiceOutcome outcome,
                                          @Nullable String replacementSerial, String summary) {
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
                state == ClaimState.CLOSED ? now() : null)) {
            throw conflict(store.find(claimId).orElse(claim));
        }
        audit.record("claim.serviced", "claim", claim.claimNumber(), AuditTrail.state("state", claim.state().name()),
                AuditTrail.state("state", state.name(), "outcome", outcome.name(), "replacement", replacement));
        return store.find(claimId).orElseThrow();
    }

    /** Closes a claim whose work is done (repaired, replaced or denied). */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    public ClaimView close(long claimId, long expectedVersion) {
        var claim = store.find(claimId).orElseThrow(() -> new IllegalArgumentException("claim: no claim " + claimId));
        if (claim.version() != expectedVersion) {
            throw conflict(claim);
        }
        if (claim.state() != ClaimState.REPAIRED && claim.state() != ClaimState.REPLACED
                && claim.state() != ClaimState.DENIED) {
            throw new IllegalArgumentException("claim: " + claim.claimNumber() + " is "
                    + claim.state().label().toLowerCase() + " and cannot be closed yet");
        }
        if (!store.serviceOutcome(claimId, expectedVersion, ClaimState.CLOSED, null, now())) {
            throw conflict(claim);
        }
        audit.record("claim.closed", "claim", claim.claimNumber(), AuditTrail.state("state", claim.state().name()),
                AuditTrail.state("state", "CLOSED"));
        return store.find(claimId).orElseThrow();
    }

    /** Adds a PNG, JPEG or PDF file (at most 5 MB) as evidence to a claim. */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    public EvidenceFile addEvidence(long claimId, byte[] content, String filename) {
        var claim = store.find(claimId).orElseThrow(() -> new IllegalArgumentException("claim: no claim " + claimId));
        var file = files.store(claimId, "evidence", content, filename, actor(), now());
        audit.record("claim.evidence-added", "claim", claim.claimNumber(), null, AuditTrail.state("file", file.filename(),
                "type", file.contentType(), "bytes", file.sizeBytes(), "sha256", file.sha256()));
        return file;
    }

    // ---------------------------------------------------------------- reading

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public Optional<ClaimView> find(long claimId) {
        return store.find(claimId);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public Optional<ClaimDetail> detail(long claimId) {
        return store.find(claimId).filter(this::visibleToServiceCentre).map(c -> new ClaimDetail(c, store.checks(c.id()), store.signatures(c.id()),
                files.ofClaim(c.id())));
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public List<ClaimView> search(ClaimFilter filter) {
        return store.search(filter);
    }

    /**
     * A caller that is only a service centre (no warranty, quality or admin role) reads a claim that
     * is with its own centre or with none yet; never another centre's.
     */
    private boolean visibleToServiceCentre(ClaimView claim) {
        var roles = currentUser.roles();
        if (roles.contains(Role.WARRANTY) || roles.contains(Role.QUALITY) || roles.contains(Role.ADMIN)) {
            return true;
        }
        var centre = centres.getIfAvailable();
        if (centre == null) {
            return true;
        }
        var with = centre.centreOf(claim);
        return with.isEmpty() || with.equals(centre.callerCentre());
    }

    /** Claims on a unit, oldest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public List<ClaimView> ofSerial(String serial) {
        return store.ofSerial(serial.strip().toUpperCase());
    }

    /** Claims on which this unit was shipped as the replacement (the other direction of the link). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public List<ClaimView> replacedBy(String replacementSerial) {
        return store.replacing(replacementSerial.strip().toUpperCase());
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public byte[] evidenceContent(long fileId) {
        return files.content(fileId);
    }

    /** Claim counts (not denied) per product, lot, facility, line and defect: the quality dashboards' source. */
    @Transactional(readOnly = true)
    public List<ClaimCount> counts() {
        return tally.all();
    }

    @Transactional(readOnly = true)
    public List<ClaimCount> countsOfLot(String gtin, String lot) {
        return tally.ofLot(gtin, lot);
    }

    /** Claims (not denied) per failure date from {@code from} on. */
    @Transactional(readOnly = true)
    public Map<LocalDate, Long> perFailureDate(LocalDate from) {
        return tally.perFailureDate(from);
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

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}

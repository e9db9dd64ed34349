package org.serialregistry.warranty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.serialregistry.audit.AuditTrail;
import org.serialregistry.verification.CounterfeitList;
import org.serialregistry.warranty.internal.ClaimStore;
import org.serialregistry.warranty.internal.ClaimTally;
import org.serialregistry.warranty.internal.RegistrationStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The automatic checks of a claim: runs every check, records each with its result and detail, and
 * decides the claim from them (all pass: approved with an RMA number; a failed check denies it or
 * sends it to review, as {@link AdjudicationProperties} says). Called by {@link ClaimIntake} inside
 * its transaction, after the claim's fields and serial were accepted.
 */
@Service
class ClaimAdjudicator {

    private final CounterfeitList counterfeits;
    private final WarrantyCoverage coverage;
    private final RegistrationStore registrations;
    private final ClaimStore store;
    private final ClaimTally tally;
    private final AdjudicationProperties rules;
    private final SerialHoppingProperties hopping;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ClaimAdjudicator(CounterfeitList counterfeits, WarrantyCoverage coverage, RegistrationStore registrations,
                     ClaimStore store, ClaimTally tally, AdjudicationProperties rules, SerialHoppingProperties hopping,
                     AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.counterfeits = counterfeits;
        this.coverage = coverage;
        this.registrations = registrations;
        this.store = store;
        this.tally = tally;
        this.rules = rules;
        this.hopping = hopping;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Stores the claim with its checks and automatic decision, and tells the other modules. */
    ClaimResult adjudicate(ValidClaim v, ClaimChannel channel, String by) {
        var unit = v.unit();
        String serial = unit.serial().value();
        Instant now = ClaimActor.now(clock);
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
        var claim = new ClaimId(id);
        ClaimState state = switch (decision) {
            case APPROVED -> ClaimState.RMA_ISSUED;
            case DENIED -> ClaimState.DENIED;
            case NEEDS_REVIEW -> ClaimState.NEEDS_REVIEW;
        };
        store.decideAutomatically(id, state, decision, reasons, policy == null ? null : policy.id(), cover.until(),
                decision == ClaimDecision.APPROVED ? claim.rma() : null, now);
        var saved = store.find(id).orElseThrow();
        tally.add(saved, 1, decision == ClaimDecision.DENIED ? 1 : 0);
        audit.record("claim.submitted", "claim", saved.claimNumber(), null, AuditTrail.state("serial", serial,
                "defect", v.defect().name(), "channel", channel.name(), "decision", decision.name(),
                "reasons", reasons, "rma", saved.rmaNumber()));
        events.publishEvent(new ClaimDecided(claim, saved.claimNumber(), saved.gtin(), serial, saved.lot(), v.defect(),
                decision, true));
        if (!duplicates.isEmpty()) {
            events.publishEvent(new DuplicateClaimSuspected(claim, saved.gtin(), serial, v.defect(),
                    duplicates.stream().map(ClaimView::claimNumber).toList(), by));
        }
        String claimant = saved.claimantEmail().toLowerCase(java.util.Locale.ROOT);
        var others = store.serialsClaimedBy(claimant, now.minus(hopping.window()), serial);
        if (others.size() + 1 >= hopping.serials()) {
            events.publishEvent(new SerialHoppingSuspected(claim, saved.claimNumber(), saved.gtin(), serial, claimant,
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
}

package org.serialregistry.warranty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.Refurbishment;
import org.serialregistry.serial.Refurbishments;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.internal.ClaimStore;
import org.serialregistry.warranty.internal.RefurbishmentPolicyStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cover of units that take the place of others. A refurbished unit is covered for its product's
 * refurbishment term ({@value #DEFAULT_TERM_MONTHS} months unless the warranty team sets another)
 * from its resale, or from the refurbishment while it is not resold. A replacement unit shipped
 * under a claim inherits the remaining cover of the unit it replaced, unless the product's
 * refurbishment policy gives replacements their own term. The product's policy still decides which
 * defects are covered; only the dates differ.
 */
@Service
public class RefurbishmentCover {

    public static final int DEFAULT_TERM_MONTHS = 12;
    private static final int MAX_REPLACEMENT_CHAIN = 5;

    /** A product's refurbishment policy. */
    public record Policy(String gtin, int termMonths, boolean replacementOwnTerm) {
    }

    private final Refurbishments refurbishments;
    private final RefurbishmentPolicyStore store;
    private final ClaimStore claims;
    private final Units units;
    private final MasterData masterData;
    private final AuditTrail audit;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

    RefurbishmentCover(Refurbishments refurbishments, RefurbishmentPolicyStore store, ClaimStore claims, Units units,
                       MasterData masterData, AuditTrail audit, CurrentUser currentUser, Clock clock) {
        this.refurbishments = refurbishments;
        this.store = store;
        this.claims = claims;
        this.units = units;
        this.masterData = masterData;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Policy policy(Gtin gtin) {
        return store.find(gtin.value()).map(r -> new Policy(gtin.value(), r.termMonths(), r.replacementOwnTerm()))
                .orElse(new Policy(gtin.value(), DEFAULT_TERM_MONTHS, false));
    }

    /** @throws IllegalArgumentException naming the field: unknown product, term outside 1..120 months */
    @Transactional
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public Policy setPolicy(Gtin gtin, int termMonths, boolean replacementOwnTerm) {
        var problems = new java.util.ArrayList<String>();
        if (masterData.product(gtin).isEmpty()) {
            problems.add("gtin: no product " + gtin.value());
        }
        if (termMonths < 1 || termMonths > 120) {
            problems.add("termMonths: from 1 to 120 months");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        var before = policy(gtin);
        store.save(gtin.value(), new RefurbishmentPolicyStore.Row(termMonths, replacementOwnTerm), currentUser.require(),
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        audit.record("refurbishment-policy.changed", "product", gtin.value(), AuditTrail.state("termMonths",
                before.termMonths(), "replacementOwnTerm", before.replacementOwnTerm()), AuditTrail.state("termMonths",
                termMonths, "replacementOwnTerm", replacementOwnTerm));
        return policy(gtin);
    }

    /**
     * The cover of a refurbished or replacement unit on a day; empty for any other unit (its product
     * policy applies as usual).
     *
     * @param purchase the (re)sale date, if known
     * @param mayBeReplacement false when the unit is certainly no claim's replacement (then no claim is read)
     * @param coverOf  the ordinary cover of a unit on a day (for the unit a replacement replaced)
     */
    Optional<Coverage> of(UnitRecord unit, @Nullable LocalDate purchase, String purchaseWords, boolean registered,
                          @Nullable WarrantyPolicyView policy, LocalDate day, boolean mayBeReplacement,
                          BiFunction<UnitRecord, LocalDate, Coverage> coverOf) {
        var refurbished = refurbishments.originOf(unit.serial());
        if (refurbished.isPresent()) {
            return Optional.of(compute(unit, refurbished.get(), purchase, purchaseWords, registered, policy,
                    policy(unit.gtin()).termMonths(), day));
        }
        if (!mayBeReplacement || depth.get() >= MAX_REPLACEMENT_CHAIN) {
            return Optional.empty();
        }
        var claim = claims.replacing(unit.serial().value()).stream().findFirst().orElse(null);
        if (claim == null || policy(unit.gtin()).replacementOwnTerm()) {
            return Optional.empty();
        }
        var replaced = units.find(new SerialNumber(claim.serial())).orElse(null);
        if (replaced == null) {
            return Optional.empty();
        }
        LocalDate replacedOn = LocalDate.ofInstant(claim.decidedAt() != null ? claim.decidedAt() : claim.submittedAt(),
                ZoneOffset.UTC);
        Coverage inherited;
        depth.set(depth.get() + 1);
        try {
            inherited = coverOf.apply(replaced, replacedOn);
        } finally {
            depth.set(depth.get() - 1);
        }
        if (inherited.until() == null || inherited.until().isBefore(replacedOn)) {
            return Optional.empty(); // nothing left to inherit (a goodwill replacement): its own cover applies
        }
        LocalDate until = inherited.until();
        String rule = "the remaining cover of " + claim.serial() + ", which this unit replaced under claim "
                + claim.claimNumber() + " on " + replacedOn + " (" + inherited.rule() + ")";
        return Optional.of(dated(unit, replacedOn, until, purchase != null ? purchase : replacedOn, registered, rule,
                inherited.policy() != null ? inherited.policy() : policy, day));
    }

    static Coverage compute(UnitRecord unit, Refurbishment r, @Nullable LocalDate purchase, String purchaseWords,
                            boolean registered, @Nullable WarrantyPolicyView policy, int months, LocalDate day) {
        LocalDate refurbished = LocalDate.ofInstant(r.refurbishedAt(), ZoneOffset.UTC);
        LocalDate start = purchase != null && purchase.isAfter(refurbished) ? purchase : refurbished;
        String startWords = start.equals(refurbished) ? "the refurbishment on " + refurbished : purchaseWords + " " + purchase;
        String rule = months + " months from " + startWords + " (refurbishment policy; originally made on "
                + r.originallyMade() + " as " + r.original().value() + ")";
        return dated(unit, start, start.plusMonths(months).minusDays(1), purchase != null ? purchase : refurbished,
                registered, rule, policy, day);
    }

    private static Coverage dated(UnitRecord unit, LocalDate start, LocalDate until, LocalDate sale, boolean registered,
                                  String rule, @Nullable WarrantyPolicyView policy, LocalDate day) {
        boolean covered = !unit.status().terminal() && !day.isBefore(start) && !day.isAfter(until);
        String words = unit.status().terminal() ? "Not covered: the unit is " + unit.status().label().toLowerCase() + "."
                : day.isBefore(start) ? "Not covered on " + day + ": cover starts on " + start + "."
                : day.isAfter(until) ? "Not covered on " + day + ": cover ended on " + until + "."
                : "Covered until " + until + ".";
        return new Coverage(unit.gtin().value(), unit.serial().value(), day, covered, sale, start, until,
                words + " (" + rule + ")", registered, rule, policy, List.of());
    }
}

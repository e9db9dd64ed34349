package org.serialregistry.warranty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.internal.PolicyStore;
import org.serialregistry.warranty.internal.RegistrationStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a unit is covered on a day, until when, and why. The sale date (the registered purchase
 * date, else the first retail sale a retailer recorded, else the production date) picks the policy
 * version; the version's start rule and term give the dates. A stolen or destroyed unit is never covered.
 */
@Service
public class WarrantyCoverage {

    private final Units units;
    private final PolicyStore policies;
    private final RegistrationStore registrations;
    private final Clock clock;

    private final RefurbishmentCover refurbished;

    WarrantyCoverage(Units units, PolicyStore policies, RegistrationStore registrations, Clock clock,
                     RefurbishmentCover refurbished) {
        this.refurbished = refurbished;
        this.units = units;
        this.policies = policies;
        this.registrations = registrations;
        this.clock = clock;
    }

    /** Coverage today; empty for a serial the registry never issued for this GTIN. */
    @Transactional(readOnly = true)
    public Optional<Coverage> today(Gtin gtin, SerialNumber serial) {
        return on(gtin, serial, LocalDate.now(clock));
    }

    @Transactional(readOnly = true)
    public Optional<Coverage> on(Gtin gtin, SerialNumber serial, LocalDate day) {
        return units.find(serial).filter(u -> u.gtin().equals(gtin)).map(u -> of(u, day));
    }

    /** Coverage of a unit already read (adjudication has it at hand). */
    @Transactional(readOnly = true)
    public Coverage of(UnitRecord unit, LocalDate day) {
        var owner = registrations.active(unit.serial().value());
        LocalDate purchase = owner.map(OwnershipView::purchaseDate).orElse(null);
        String purchaseWords = "the purchase date";
        if (purchase == null) {
            // no owner registered: a sale a retailer recorded is the purchase, as good as a receipt
            purchase = retailSale(unit.serial()).orElse(null);
            purchaseWords = "the retail sale date";
        }
        LocalDate sale = purchase != null ? purchase : unit.productionDate();
        var policy = policies.inForce(unit.gtin().value(), sale).orElse(null);
        var asRefurbished = refurbished.of(unit, purchase, purchaseWords, owner.isPresent(), policy, day, this::of);
        if (asRefurbished.isPresent()) {
            return asRefurbished.get();
        }
        return compute(unit, purchase, purchaseWords, owner.isPresent(), policy, day);
    }

    /**
     * The day (UTC) of the unit's first retail sale in the lifecycle log, leaving out sales that
     * were undone (an error declaration names them).
     */
    Optional<LocalDate> retailSale(SerialNumber serial) {
        var history = units.history(serial);
        var undone = history.stream().map(LifecycleEventView::errorDeclarationFor).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return history.stream()
                .filter(e -> e.bizStep() == BusinessStep.RETAIL_SELLING && e.errorDeclarationFor() == null
                        && !undone.contains(e.id()))
                .map(LifecycleEventView::eventTime).min(Comparator.naturalOrder())
                .map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC));
    }

    /** The rule itself, without reads: public for tests and for explanations. */
    public static Coverage compute(UnitRecord unit, @Nullable LocalDate purchase, @Nullable WarrantyPolicyView policy,
                                   LocalDate day) {
        return compute(unit, purchase, "the purchase date", purchase != null, policy, day);
    }

    /**
     * @param purchaseWords what the purchase date is ("the purchase date" an owner registered, or
     *                      "the retail sale date" a retailer recorded)
     * @param registered    whether an owner registered the unit
     */
    public static Coverage compute(UnitRecord unit, @Nullable LocalDate purchase, String purchaseWords,
                                   boolean registered, @Nullable WarrantyPolicyView policy, LocalDate day) {
        String gtin = unit.gtin().value();
        String serial = unit.serial().value();
        LocalDate made = unit.productionDate();
        LocalDate sale = purchase != null ? purchase : made;
        boolean known = purchase != null;
        if (policy == null) {
            return new Coverage(gtin, serial, day, false, sale, null, null,
                    "No warranty policy exists for this product.", registered, null, null);
        }
        LocalDate start;
        String startWords;
        switch (policy.startRule()) {
            case FROM_MANUFACTURE -> {
                start = made;
                startWords = "the production date " + made;
            }
            case FROM_PURCHASE -> {
                start = sale;
                startWords = known ? purchaseWords + " " + purchase
                        : "the production date " + made + " (no purchase date is registered)";
            }
            default -> {
                LocalDate graceEnd = made.plusDays(policy.graceDays());
                if (known && purchase.isBefore(graceEnd)) {
                    start = purchase;
                    startWords = purchaseWords + " " + purchase + " (earlier than production " + made + " plus "
                            + policy.graceDays() + " days)";
                } else {
                    start = graceEnd;
                    startWords = "the production date " + made + " plus " + policy.graceDays() + " days, " + graceEnd
                            + (known ? " (earlier than " + purchaseWords + " " + purchase + ")" : " (no purchase date is registered)");
                }
            }
        }
        LocalDate until = start.plusMonths(policy.termMonths()).minusDays(1);
        String rule = policy.termMonths() + " months from " + startWords + ", policy version " + policy.version();
        if (unit.status().terminal()) {
            return new Coverage(gtin, serial, day, false, sale, start, until, "Not covered: the unit is "
                    + unit.status().label().toLowerCase() + ". Cover would run until " + until + " (" + rule + ").",
                    registered, rule, policy);
        }
        if (day.isBefore(start)) {
            return new Coverage(gtin, serial, day, false, sale, start, until,
                    "Not covered on " + day + ": cover starts on " + start + " (" + rule + ").", registered, rule, policy);
        }
        if (day.isAfter(until)) {
            return new Coverage(gtin, serial, day, false, sale, start, until,
                    "Not covered on " + day + ": cover ended on " + until + " (" + rule + ").", registered, rule, policy);
        }
        return new Coverage(gtin, serial, day, true, sale, start, until,
                "Covered until " + until + " (" + rule + ").", registered, rule, policy);
    }
}

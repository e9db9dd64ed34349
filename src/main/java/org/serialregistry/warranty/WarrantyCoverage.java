package org.serialregistry.warranty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
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

    /**
     * Coverage today of a unit already read (the public page has it from verification). No transaction: the
     * public path reads the registration, refurbishment and replacement each in its own autocommit query
     * (a read-only transaction added a session and two commits to every verification that missed the cache),
     * and a registration changing between those reads changes nothing a second later anyway.
     */
    public Coverage today(UnitRecord unit) {
        return of(unit, LocalDate.now(clock), Facts.ANY);
    }

    /** The same, for the public page: {@code facts} may tell without the database that a unit has no such record. */
    public Coverage today(UnitRecord unit, Facts facts) {
        return of(unit, LocalDate.now(clock), facts);
    }

    /**
     * What may be known without asking the database. False means "certainly not": the query is skipped; true
     * means "maybe": it is asked. {@link #ANY} asks always (decisions use it).
     */
    public interface Facts {

        boolean mayBeRegistered(SerialNumber serial);

        boolean mayBeSold(SerialNumber serial);

        boolean mayBeReplacement(SerialNumber serial);

        Facts ANY = new Facts() {
            @Override
            public boolean mayBeRegistered(SerialNumber serial) {
                return true;
            }

            @Override
            public boolean mayBeSold(SerialNumber serial) {
                return true;
            }

            @Override
            public boolean mayBeReplacement(SerialNumber serial) {
                return true;
            }
        };
    }

    @Transactional(readOnly = true)
    public Optional<Coverage> on(Gtin gtin, SerialNumber serial, LocalDate day) {
        return units.find(serial).filter(u -> u.gtin().equals(gtin)).map(u -> of(u, day));
    }

    /** Coverage of a unit already read (adjudication has it at hand). */
    @Transactional(readOnly = true)
    public Coverage of(UnitRecord unit, LocalDate day) {
        return of(unit, day, Facts.ANY);
    }

    private Coverage of(UnitRecord unit, LocalDate day, Facts facts) {
        var owner = facts.mayBeRegistered(unit.serial()) ? registrations.active(unit.serial().value())
                : Optional.<OwnershipView>empty();
        LocalDate purchase = owner.map(OwnershipView::purchaseDate).orElse(null);
        String purchaseWords = "the purchase date";
        if (purchase == null) {
            // no owner registered: a sale a retailer recorded is the purchase, as good as a receipt
            purchase = facts.mayBeSold(unit.serial()) ? retailSale(unit.serial()).orElse(null) : null;
            purchaseWords = "the retail sale date";
        }
        LocalDate sale = purchase != null ? purchase : unit.productionDate();
        var policy = policies.inForce(unit.gtin().value(), sale).orElse(null);
        var asRefurbished = refurbished.of(unit, purchase, purchaseWords, owner.isPresent(), policy, day,
                facts.mayBeReplacement(unit.serial()), this::of);
        if (asRefurbished.isPresent()) {
            return asRefurbished.get();
        }
        var cover = compute(unit, purchase, purchaseWords, owner.isPresent(), policy, day);
        if (policy == null || policy.lines().isEmpty()) {
            return cover;
        }
        LocalDate registeredOn = owner.map(o -> LocalDate.ofInstant(o.registeredAt(), ZoneOffset.UTC)).orElse(null);
        LocalDate installedOn = policy.lines().stream().anyMatch(l -> l.start() == CoverageStart.INSTALLATION)
                ? firstEvent(unit.serial(), BusinessStep.INSTALLING).map(WarrantyCoverage::day).orElse(null) : null;
        return withLines(cover, unit, purchase, purchaseWords, registeredOn, installedOn, policy, day);
    }

    /**
     * The day (UTC) of the unit's first retail sale in the lifecycle log, leaving out sales that
     * were undone (an error declaration names them).
     */
    Optional<LocalDate> retailSale(SerialNumber serial) {
        return retailSaleEvent(serial).map(WarrantyCoverage::day);
    }

    /** The unit's first retail sale that was not undone: the selling party's record of it. */
    Optional<LifecycleEventView> retailSaleEvent(SerialNumber serial) {
        return firstEvent(serial, BusinessStep.RETAIL_SELLING);
    }

    /** The unit's first event of a business step that was not undone (an error declaration names those). */
    private Optional<LifecycleEventView> firstEvent(SerialNumber serial, BusinessStep step) {
        var history = units.history(serial);
        var undone = history.stream().map(LifecycleEventView::errorDeclarationFor).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return history.stream()
                .filter(e -> e.bizStep() == step && e.errorDeclarationFor() == null && !undone.contains(e.id()))
                .min(Comparator.comparing(LifecycleEventView::eventTime));
    }

    private static LocalDate day(LifecycleEventView event) {
        return LocalDate.ofInstant(event.eventTime(), ZoneOffset.UTC);
    }

    /**
     * Coverage by the policy's lines: each line runs its own term from its own start; the unit is
     * covered while some line is. A start that is not recorded (no registration, no installation)
     * leaves its line not started; a sale not recorded counts from the production date, as the
     * one-term rule does.
     */
    public static Coverage withLines(Coverage cover, UnitRecord unit, @Nullable LocalDate purchase, String purchaseWords,
                                     @Nullable LocalDate registeredOn, @Nullable LocalDate installedOn,
                                     WarrantyPolicyView policy, LocalDate day) {
        LocalDate made = unit.productionDate();
        var lines = new java.util.ArrayList<LineCover>();
        for (var line : policy.lines()) {
            String what = line.kind().label().toLowerCase();
            LocalDate from;
            String fromWords;
            switch (line.start()) {
                case MANUFACTURE -> {
                    from = made;
                    fromWords = "the production date " + made;
                }
                case SALE -> {
                    from = purchase != null ? purchase : made;
                    fromWords = purchase != null ? purchaseWords + " " + purchase
                            : "the production date " + made + " (no sale is recorded)";
                }
                case REGISTRATION -> {
                    from = registeredOn;
                    fromWords = "the registration date " + registeredOn;
                }
                default -> {
                    from = installedOn;
                    fromWords = "the installation date " + installedOn;
                }
            }
            if (from == null) {
                lines.add(new LineCover(line, null, null, false, what + " not started: "
                        + (line.start() == CoverageStart.REGISTRATION ? "nobody registered the unit"
                        : "no installation is recorded") + " (" + line.termMonths() + " months from " + line.start().words() + ")"));
                continue;
            }
            LocalDate until = from.plusMonths(line.termMonths()).minusDays(1);
            String term = " (" + line.termMonths() + " months from " + fromWords + ")";
            boolean covered = !day.isBefore(from) && !day.isAfter(until);
            lines.add(new LineCover(line, from, until, covered, what + (covered ? " until " + until
                    : day.isBefore(from) ? " starts on " + from : " ended on " + until) + term));
        }
        var started = lines.stream().filter(l -> l.from() != null).toList();
        LocalDate start = started.stream().map(LineCover::from).min(Comparator.naturalOrder()).orElse(null);
        LocalDate until = started.stream().map(LineCover::until).max(Comparator.naturalOrder()).orElse(null);
        boolean anyLine = lines.stream().anyMatch(LineCover::covered);
        boolean covered = anyLine && !unit.status().terminal();
        String each = String.join("; ", lines.stream().map(LineCover::words).toList());
        String rule = each + ", policy version " + policy.version();
        String explanation = unit.status().terminal()
                ? "Not covered: the unit is " + unit.status().label().toLowerCase() + ". Cover would be: " + rule + "."
                : (covered ? "Covered: " : "Not covered on " + day + ": ") + rule + ".";
        return new Coverage(cover.gtin(), cover.serial(), day, covered, cover.saleDate(), start, until, explanation,
                cover.registered(), rule, policy, lines);
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
                    "No warranty policy exists for this product.", registered, null, null, List.of());
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
                    registered, rule, policy, List.of());
        }
        if (day.isBefore(start)) {
            return new Coverage(gtin, serial, day, false, sale, start, until,
                    "Not covered on " + day + ": cover starts on " + start + " (" + rule + ").", registered, rule, policy, List.of());
        }
        if (day.isAfter(until)) {
            return new Coverage(gtin, serial, day, false, sale, start, until,
                    "Not covered on " + day + ": cover ended on " + until + " (" + rule + ").", registered, rule, policy, List.of());
        }
        return new Coverage(gtin, serial, day, true, sale, start, until,
                "Covered until " + until + " (" + rule + ").", registered, rule, policy, List.of());
    }
}

package org.serialregistry.warranty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.Refurbishment;
import org.serialregistry.serial.Refurbishments;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.shared.Gtin;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.warranty.internal.RefurbishmentPolicyStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The refurbishment policy: a refurbished unit is covered for its product's refurbishment term
 * ({@value #DEFAULT_TERM_MONTHS} months unless the warranty team sets another) from its resale, or
 * from the refurbishment while it is not resold. The product's policy still decides which defects
 * are covered; only the dates differ.
 */
@Service
public class RefurbishmentCover {

    public static final int DEFAULT_TERM_MONTHS = 12;

    private final Refurbishments refurbishments;
    private final RefurbishmentPolicyStore store;
    private final MasterData masterData;
    private final AuditTrail audit;
    private final CurrentUser currentUser;
    private final Clock clock;

    RefurbishmentCover(Refurbishments refurbishments, RefurbishmentPolicyStore store, MasterData masterData,
                       AuditTrail audit, CurrentUser currentUser, Clock clock) {
        this.refurbishments = refurbishments;
        this.store = store;
        this.masterData = masterData;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** The term of refurbished units of a product, in months. */
    @Transactional(readOnly = true)
    public int termMonths(Gtin gtin) {
        return store.termMonths(gtin.value()).orElse(DEFAULT_TERM_MONTHS);
    }

    /** @throws IllegalArgumentException naming the field: unknown product, term outside 1..120 months */
    @Transactional
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public int setTermMonths(Gtin gtin, int months) {
        if (masterData.product(gtin).isEmpty()) {
            throw new IllegalArgumentException("gtin: no product " + gtin.value());
        }
        if (months < 1 || months > 120) {
            throw new IllegalArgumentException("termMonths: from 1 to 120 months");
        }
        int before = termMonths(gtin);
        store.save(gtin.value(), months, currentUser.require(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        audit.record("refurbishment-policy.changed", "product", gtin.value(), AuditTrail.state("termMonths", before),
                AuditTrail.state("termMonths", months));
        return months;
    }

    /**
     * The cover of a refurbished unit on a day; empty for a unit that was not refurbished (its
     * product policy applies as usual).
     *
     * @param purchase the resale date, if known
     */
    Optional<Coverage> of(UnitRecord unit, @Nullable LocalDate purchase, String purchaseWords, boolean registered,
                          @Nullable WarrantyPolicyView policy, LocalDate day) {
        return refurbishments.originOf(unit.serial()).map(r -> compute(unit, r, purchase, purchaseWords, registered,
                policy, termMonths(unit.gtin()), day));
    }

    static Coverage compute(UnitRecord unit, Refurbishment r, @Nullable LocalDate purchase, String purchaseWords,
                            boolean registered, @Nullable WarrantyPolicyView policy, int months, LocalDate day) {
        LocalDate refurbished = LocalDate.ofInstant(r.refurbishedAt(), java.time.ZoneOffset.UTC);
        LocalDate start = purchase != null && purchase.isAfter(refurbished) ? purchase : refurbished;
        String startWords = start.equals(refurbished) ? "the refurbishment on " + refurbished : purchaseWords + " " + purchase;
        LocalDate until = start.plusMonths(months).minusDays(1);
        String rule = months + " months from " + startWords + " (refurbishment policy; originally made on "
                + r.originallyMade() + " as " + r.original().value() + ")";
        String gtin = unit.gtin().value();
        String serial = unit.serial().value();
        LocalDate sale = purchase != null ? purchase : refurbished;
        boolean covered = !unit.status().terminal() && !day.isBefore(start) && !day.isAfter(until);
        String words = unit.status().terminal() ? "Not covered: the unit is " + unit.status().label().toLowerCase() + "."
                : day.isBefore(start) ? "Not covered on " + day + ": cover starts on " + start + "."
                : day.isAfter(until) ? "Not covered on " + day + ": cover ended on " + until + "."
                : "Covered until " + until + ".";
        return new Coverage(gtin, serial, day, covered, sale, start, until, words + " (" + rule + ")", registered, rule,
                policy);
    }
}

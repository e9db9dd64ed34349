package org.serialregistry.warranty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.serialregistry.audit.AuditTrail;
import org.serialregistry.serial.MasterData;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.warranty.internal.PolicyStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Warranty policies per product. A change is a new version that takes effect on a day; earlier
 * versions stay as they were, and a claim is judged by the version in force on the unit's sale date.
 */
@Service
public class WarrantyPolicies {

    private final PolicyStore store;
    private final MasterData masterData;
    private final AuditTrail audit;
    private final Clock clock;

    WarrantyPolicies(PolicyStore store, MasterData masterData, AuditTrail audit, Clock clock) {
        this.store = store;
        this.masterData = masterData;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<WarrantyPolicyView> all() {
        return store.all();
    }

    /** Versions of one product, oldest first. */
    @Transactional(readOnly = true)
    public List<WarrantyPolicyView> versions(Gtin gtin) {
        return store.versions(gtin.value());
    }

    @Transactional(readOnly = true)
    public Optional<WarrantyPolicyView> find(long id) {
        return store.find(id);
    }

    /** The version that judges a unit sold on {@code saleDate}. */
    @Transactional(readOnly = true)
    public Optional<WarrantyPolicyView> inForce(Gtin gtin, LocalDate saleDate) {
        return store.inForce(gtin.value(), saleDate);
    }

    /**
     * Adds a version (the first one, or a change). Nothing is edited: the new version is in force
     * for units sold from its effective date.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public WarrantyPolicyView addVersion(NewPolicyVersion p) {
        // every field is checked in one pass; all problems are reported together
        var errors = new InvalidInput.Collector();
        Gtin gtin = errors.field("gtin", p.gtin(), Gtin::of);
        if (gtin != null) {
            errors.require(masterData.product(gtin).isPresent(), "gtin", "no product with GTIN " + gtin.value());
        }
        errors.require(p.termMonths() >= 1 && p.termMonths() <= 240, "termMonths", "a term is 1 to 240 months");
        errors.require(p.startRule() != null, "startRule", "choose when the term starts");
        errors.require(p.graceDays() >= 0 && p.graceDays() <= 3650, "graceDays", "0 to 3650 days");
        boolean covers = errors.require(p.coveredDefects() != null && !p.coveredDefects().isEmpty(), "coveredDefects",
                "name at least one covered defect code");
        var excluded = p.excludedDefects() == null ? EnumSet.noneOf(DefectCode.class) : EnumSet.copyOf(
                p.excludedDefects().isEmpty() ? EnumSet.noneOf(DefectCode.class) : p.excludedDefects());
        if (covers) {
            var both = EnumSet.copyOf(p.coveredDefects());
            both.retainAll(excluded);
            errors.require(both.isEmpty(), "excludedDefects", both + " cannot be covered and excluded at once");
        }
        errors.require(p.claimLimit() >= 1 && p.claimLimit() <= 100, "claimLimit", "1 to 100 claims per unit");
        errors.require(p.note() == null || p.note().length() <= 500, "note", "at most 500 characters");
        var versions = gtin == null ? List.<WarrantyPolicyView>of() : store.versions(gtin.value());
        LocalDate today = LocalDate.now(clock);
        LocalDate from = p.effectiveFrom() == null ? today : p.effectiveFrom();
        if (errors.require(versions.isEmpty() || from.isAfter(versions.getLast().effectiveFrom()), "effectiveFrom",
                versions.isEmpty() ? "" : "must be after " + versions.getLast().effectiveFrom() + ", when version "
                        + versions.getLast().version() + " took effect")) {
            errors.require(versions.isEmpty() || !from.isBefore(today), "effectiveFrom",
                    "a change cannot take effect in the past (" + from + ")");
        }
        errors.throwIfAny();
        var normalised = new NewPolicyVersion(gtin.value(), from, p.termMonths(), p.startRule(),
                p.startRule() == StartRule.EARLIER_OF_PURCHASE_AND_MANUFACTURE_PLUS_GRACE ? p.graceDays() : 0,
                EnumSet.copyOf(p.coveredDefects()), excluded, p.partsCovered(), p.labourCovered(), p.claimLimit(),
                p.note() == null || p.note().isBlank() ? null : p.note().strip());
        int version = versions.isEmpty() ? 1 : versions.getLast().version() + 1;
        var auth = SecurityContextHolder.getContext().getAuthentication();
        var saved = store.insert(normalised, version, from, auth == null ? "system" : auth.getName(),
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        audit.record("warranty-policy.version-added", "warranty-policy", gtin.value() + "/v" + version, null,
                AuditTrail.state("effectiveFrom", from.toString(), "term", saved.termInWords(),
                        "covered", saved.coveredDefects().toString(), "excluded", saved.excludedDefects().toString(),
                        "parts", saved.partsCovered(), "labour", saved.labourCovered(), "claimLimit", saved.claimLimit()));
        return saved;
    }
}

package org.serialregistry.warranty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
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
    public WarrantyPolicyView addVersion(NewPolicyVersion request) {
        // every field is checked in one pass; all problems are reported together
        var errors = new InvalidInput.Collector();
        var p = request;
        Gtin gtin = errors.field("gtin", p.gtin(), Gtin::of);
        if (gtin != null) {
            errors.require(masterData.product(gtin).isPresent(), "gtin", "no product with GTIN " + gtin.value());
        }
        var given = p.lines();
        List<CoverageLine> lines = Optional.ofNullable(errors.get("lines", () -> lines(given))).orElse(List.of());
        if (!lines.isEmpty()) {
            // the lines carry the terms; the version's own term is their longest, for lists and reports
            p = new NewPolicyVersion(p.gtin(), p.effectiveFrom(), lines.stream().mapToInt(CoverageLine::termMonths).max()
                    .orElseThrow(), p.startRule() == null ? StartRule.FROM_PURCHASE : p.startRule(), 0, p.coveredDefects(),
                    p.excludedDefects(), lines.stream().anyMatch(l -> l.kind() == CoverageKind.PARTS),
                    lines.stream().anyMatch(l -> l.kind() == CoverageKind.LABOUR), p.claimLimit(), p.note(), lines);
        }
        if (given == null || given.isEmpty()) {
            // with coverage lines, the lines carry term and start (and their problems are named as lines)
            errors.require(p.termMonths() >= 1 && p.termMonths() <= 240, "termMonths", "a term is 1 to 240 months");
            errors.require(p.startRule() != null, "startRule", "choose when the term starts");
            errors.require(p.graceDays() >= 0 && p.graceDays() <= 3650, "graceDays", "0 to 3650 days");
        }
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
                p.note() == null || p.note().isBlank() ? null : p.note().strip(), lines);
        int version = versions.isEmpty() ? 1 : versions.getLast().version() + 1;
        var auth = SecurityContextHolder.getContext().getAuthentication();
        var saved = store.insert(normalised, version, from, auth == null ? "system" : auth.getName(),
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        audit.record("warranty-policy.version-added", "warranty-policy", gtin.value() + "/v" + version, null,
                AuditTrail.state("effectiveFrom", from.toString(), "term", saved.termInWords(),
                        "covered", saved.coveredDefects().toString(), "excluded", saved.excludedDefects().toString(),
                        "parts", saved.partsCovered(), "labour", saved.labourCovered(), "claimLimit", saved.claimLimit(),
                        "lines", saved.lines().isEmpty() ? null : saved.termInWords()));
        return saved;
    }

    /** The lines in kind order; every problem with them in one message naming the field. */
    private static List<CoverageLine> lines(@Nullable List<CoverageLine> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        var problems = new ArrayList<String>();
        var seen = EnumSet.noneOf(CoverageKind.class);
        for (var line : given) {
            if (line == null || line.kind() == null) {
                problems.add("each line names parts, labour or travel");
                continue;
            }
            String what = line.kind().label().toLowerCase();
            if (!seen.add(line.kind())) {
                problems.add(what + " is listed twice");
            }
            if (line.termMonths() < 1 || line.termMonths() > 240) {
                problems.add(what + " term is 1 to 240 months, not " + line.termMonths());
            }
            if (line.start() == null) {
                problems.add(what + " needs a start: manufacture, sale, registration or installation");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("lines: " + String.join("; ", problems));
        }
        return given.stream().sorted(java.util.Comparator.comparing(CoverageLine::kind)).toList();
    }
}

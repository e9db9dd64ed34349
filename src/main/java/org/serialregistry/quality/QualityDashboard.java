package org.serialregistry.quality;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.quality.internal.QualityStore;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.BatchView;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.Caches;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.warranty.ClaimCount;
import org.serialregistry.warranty.ClaimFilter;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.ClaimQueries;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claim rates for quality engineers: per lot, line, facility, product and defect code, over time,
 * with drill-down to the claims; thresholds per product; alerts raised once per lot that goes above
 * its threshold. Rates count claims that were not denied, per unit issued.
 */
@Service
public class QualityDashboard {

    /** Used for products without a threshold of their own. */
    public static final double DEFAULT_THRESHOLD_PERCENT = 2.0;
    public static final int DEFAULT_MIN_CLAIMS = 5;

    private final ClaimQueries claims;
    private final SerialIssuance issuance;
    private final MasterData masterData;
    private final QualityStore store;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Cache<String, Reference> reference;

    QualityDashboard(ClaimQueries claims, SerialIssuance issuance, MasterData masterData, QualityStore store,
                     AuditTrail audit, ApplicationEventPublisher events, Clock clock, CacheManager caches) {
        this.reference = Caches.register(caches, "quality.reference-data", Caffeine.newBuilder().maximumSize(1)
                .expireAfterWrite(CACHE_TTL).ticker(() -> clock.millis() * 1_000_000L));
        this.claims = claims;
        this.issuance = issuance;
        this.masterData = masterData;
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Units issued per lot, with the facility and line of its (first) batch. */
    private record Population(String gtin, String lot, String facility, String line, long units) {
    }

    /** Figures that change rarely (batches, products, thresholds), kept for {@link #CACHE_TTL} or until they change. */
    private record Reference(Map<String, Population> populations, Map<String, String> names,
                             Map<String, QualityStore.Threshold> thresholds) {
    }

    static final java.time.Duration CACHE_TTL = java.time.Duration.ofMinutes(1);
    private static final String REFERENCE = "reference";

    private Reference reference() {
        return reference.get(REFERENCE, k -> {
            var names = new HashMap<String, String>();
            for (ProductView p : masterData.products()) {
                names.put(p.gtin().value(), p.name());
            }
            return new Reference(loadPopulations(), Map.copyOf(names), Map.copyOf(store.thresholds()));
        });
    }

    /** Forgets the cached batches, products and thresholds (a batch was issued, a threshold changed). */
    public void forgetReferenceData() {
        reference.invalidateAll();
    }

    private Map<String, Population> populations() {
        return reference().populations();
    }

    private Map<String, Population> loadPopulations() {
        var map = new HashMap<String, Population>();
        for (BatchView b : issuance.latestBatches(100_000)) {
            if (b.status() == BatchStatus.FAILED) {
                continue;
            }
            map.merge(b.gtin() + "/" + b.lot(), new Population(b.gtin(), b.lot(), b.facility(), b.line(), b.issuedCount()),
                    (a, c) -> new Population(a.gtin(), a.lot(), a.facility(), a.line(), a.units() + c.units()));
        }
        return map;
    }

    /** Lots with their claim rates, highest rate first; lots without claims are included (rate 0). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public List<LotClaimRate> lotRates() {
        var pops = populations();
        var names = productNames();
        var thresholds = reference().thresholds();
        var perLot = new HashMap<String, Map<DefectCode, Long>>();
        for (ClaimCount c : claims.counts()) {
            perLot.computeIfAbsent(c.gtin() + "/" + c.lot(), k -> new EnumMap<>(DefectCode.class))
                    .merge(c.defect(), c.claims(), Long::sum);
        }
        var rows = new ArrayList<LotClaimRate>();
        for (var p : pops.values()) {
            var defects = perLot.getOrDefault(p.gtin() + "/" + p.lot(), Map.of());
            rows.add(rate(p, defects, names, thresholds));
        }
        rows.sort(Comparator.comparingDouble(LotClaimRate::ratePercent).reversed()
                .thenComparing(LotClaimRate::gtin).thenComparing(LotClaimRate::lot));
        return rows;
    }

    private static LotClaimRate rate(Population p, Map<DefectCode, Long> defects, Map<String, String> names,
                                     Map<String, QualityStore.Threshold> thresholds) {
        long n = defects.values().stream().mapToLong(Long::longValue).sum();
        double rate = p.units() == 0 ? 0 : 100.0 * n / p.units();
        var t = thresholds.getOrDefault(p.gtin(), new QualityStore.Threshold(DEFAULT_THRESHOLD_PERCENT, DEFAULT_MIN_CLAIMS));
        DefectCode top = defects.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        return new LotClaimRate(p.gtin(), names.getOrDefault(p.gtin(), p.gtin()), p.lot(), p.facility(), p.line(),
                p.units(), n, round(rate), t.percent(), rate > t.percent() && n >= t.minClaims(), top);
    }

    /** Claim rates grouped by line, facility, product or defect code (by lot: see {@link #lotRates()}). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public List<ClaimRate> rates(RateDimension dimension) {
        var pops = populations();
        var names = productNames();
        var unitsPer = new TreeMap<String, Long>();
        var claimsPer = new TreeMap<String, Long>();
        Function<Population, String> popKey;
        Function<ClaimCount, String> claimKey;
        switch (dimension) {
            case LOT -> {
                popKey = p -> p.gtin() + " " + p.lot();
                claimKey = c -> c.gtin() + " " + c.lot();
            }
            case LINE -> {
                popKey = p -> p.facility() + "/" + p.line();
                claimKey = c -> c.facilityCode() + "/" + c.lineCode();
            }
            case FACILITY -> {
                popKey = Population::facility;
                claimKey = ClaimCount::facilityCode;
            }
            case PRODUCT -> {
                popKey = p -> names.getOrDefault(p.gtin(), p.gtin());
                claimKey = c -> names.getOrDefault(c.gtin(), c.gtin());
            }
            default -> {
                popKey = null;
                claimKey = c -> c.defect().label();
            }
        }
        long allUnits = pops.values().stream().mapToLong(Population::units).sum();
        if (popKey != null) {
            for (var p : pops.values()) {
                unitsPer.merge(popKey.apply(p), p.units(), Long::sum);
            }
        } else {
            for (DefectCode d : DefectCode.values()) {
                unitsPer.put(d.label(), allUnits);
            }
        }
        for (ClaimCount c : claims.counts()) {
            claimsPer.merge(claimKey.apply(c), c.claims(), Long::sum);
        }
        var rows = new ArrayList<ClaimRate>();
        unitsPer.forEach((k, u) -> {
            long n = claimsPer.getOrDefault(k, 0L);
            if (dimension != RateDimension.DEFECT || n > 0) {
                rows.add(new ClaimRate(k, u, n, u == 0 ? 0 : round(100.0 * n / u)));
            }
        });
        rows.sort(Comparator.comparingDouble(ClaimRate::ratePercent).reversed().thenComparing(ClaimRate::group));
        return rows;
    }

    /** Claims (not denied) per week of failure, Monday to Sunday, for the last {@code weeks} weeks, oldest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public Map<LocalDate, Long> claimsPerWeek(int weeks) {
        LocalDate thisWeek = LocalDate.now(clock).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate from = thisWeek.minusWeeks(Math.max(1, Math.min(weeks, 260)) - 1L);
        var map = new LinkedHashMap<LocalDate, Long>();
        for (LocalDate w = from; !w.isAfter(thisWeek); w = w.plusWeeks(1)) {
            map.put(w, 0L);
        }
        claims.perFailureDate(from).forEach((day, n) ->
                map.merge(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), n, Long::sum));
        return map;
    }

    /** The claims behind a figure (drill-down). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public List<ClaimView> claims(ClaimFilter filter) {
        return claims.search(filter);
    }

    /** One page of the claims behind a figure (the portal's grid asks page by page), in the filter's order. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public List<ClaimView> claims(ClaimFilter filter, int offset, int limit) {
        return claims.search(filter.withLimit(limit), offset);
    }

    /** How many claims are behind a figure, and how many of them were denied (the claim rate does not count those). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public DrillDownCount claimCount(ClaimFilter filter) {
        var totals = claims.totals(filter);
        return new DrillDownCount(totals.total(), totals.denied());
    }

    /** The claims behind a figure: all of them, and the denied ones among them. */
    public record DrillDownCount(long total, long denied) {

        /** The claims the claim rate counts. */
        public long counted() {
            return total - denied;
        }
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public List<ClaimThreshold> thresholds() {
        var set = store.thresholds();
        return masterData.products().stream().map(p -> {
            var t = set.get(p.gtin().value());
            return t == null ? new ClaimThreshold(p.gtin().value(), p.name(), DEFAULT_THRESHOLD_PERCENT, DEFAULT_MIN_CLAIMS, false)
                    : new ClaimThreshold(p.gtin().value(), p.name(), t.percent(), t.minClaims(), true);
        }).toList();
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public ClaimThreshold setThreshold(String gtin, double maxClaimRatePercent, int minClaims) {
        Gtin g = Gtin.of(gtin == null ? "" : gtin);
        var product = masterData.product(g).orElseThrow(() -> new IllegalArgumentException("gtin: no product " + g.value()));
        var errors = new InvalidInput.Collector();
        errors.require(maxClaimRatePercent > 0 && maxClaimRatePercent <= 100, "maxClaimRatePercent",
                "more than 0 and at most 100");
        errors.require(minClaims >= 1 && minClaims <= 100_000, "minClaims", "1 to 100000");
        errors.throwIfAny();
        var before = store.thresholds().get(g.value());
        store.setThreshold(g.value(), maxClaimRatePercent, minClaims, actor(), now());
        afterCommit(this::forgetReferenceData);
        audit.record("quality.threshold-set", "product", g.value(), before == null ? null
                : AuditTrail.state("percent", before.percent(), "minClaims", before.minClaims()),
                AuditTrail.state("percent", maxClaimRatePercent, "minClaims", minClaims));
        return new ClaimThreshold(g.value(), product.name(), maxClaimRatePercent, minClaims, true);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public List<QualityAlertView> alerts() {
        return store.alerts();
    }

    /** Acknowledges an alert with notes (later calls update the notes; the first acknowledgement stays). */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public QualityAlertView acknowledge(long alertId, long expectedVersion, String notes) {
        var alert = store.alert(alertId).orElseThrow(() -> new IllegalArgumentException("alert: no alert " + alertId));
        if (notes == null || notes.isBlank()) {
            throw new IllegalArgumentException("notes: say what was found or done");
        }
        if (notes.strip().length() > 2000) {
            throw new IllegalArgumentException("notes: at most 2000 characters");
        }
        if (!store.acknowledge(alertId, expectedVersion, actor(), now(), notes.strip())) {
            throw new org.serialregistry.warranty.ClaimConflictException("The alert for lot " + alert.lot()
                    + " was changed by someone else meanwhile; reload it");
        }
        audit.record("quality.alert-acknowledged", "lot", alert.gtin() + "/" + alert.lot(),
                AuditTrail.state("notes", alert.notes()), AuditTrail.state("notes", notes.strip()));
        return store.alert(alertId).orElseThrow();
    }

    /**
     * Checks one lot against its product's threshold and raises its alert if it is above and has
     * none yet. Called after every claim decision; safe to call any number of times.
     *
     * @return the alert raised now, if any
     */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public Optional<QualityAlertView> evaluate(String gtin, String lot) {
        if (store.alertExists(gtin, lot)) {
            return Optional.empty();
        }
        var pop = populations().get(gtin + "/" + lot);
        if (pop == null || pop.units() == 0) {
            return Optional.empty();
        }
        var defects = new EnumMap<DefectCode, Long>(DefectCode.class);
        claims.countsOfLot(gtin, lot).forEach(c -> defects.merge(c.defect(), c.claims(), Long::sum));
        var rate = rate(pop, defects, Map.of(), reference().thresholds());
        if (!rate.aboveThreshold()) {
            return Optional.empty();
        }
        long id;
        try {
            id = store.insertAlert(gtin, lot, pop.facility(), pop.line(), rate.claims(), rate.units(), rate.ratePercent(),
                    rate.thresholdPercent(), rate.topDefect() == null ? null : rate.topDefect().name(), now());
        } catch (DuplicateKeyException e) {
            return Optional.empty(); // raised by a concurrent evaluation
        }
        audit.record("quality.alert-raised", "lot", gtin + "/" + lot, null, AuditTrail.state("claims", rate.claims(),
                "units", rate.units(), "ratePercent", rate.ratePercent(), "thresholdPercent", rate.thresholdPercent()));
        return store.alert(id);
    }

    private Map<String, String> productNames() {
        return reference().names();
    }

    private static void afterCommit(Runnable action) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            action.run();
                        }
                    });
        } else {
            action.run();
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    /** The most claims the drill-down behind a figure shows (and exports). */
    public static final int DRILL_DOWN_LIMIT = 5000;

    /**
     * The claims behind a figure as the drill-down screen lists them: of a product and lot, of a defect
     * code, or both (null: any), newest first, at most {@value #DRILL_DOWN_LIMIT}.
     */
    public static ClaimFilter drillDownFilter(@Nullable String gtin, @Nullable String lot, @Nullable DefectCode defect) {
        return new ClaimFilter(null, gtin, lot, null, null, defect, null, null, null, ClaimFilter.Sort.NEWEST_FIRST,
                DRILL_DOWN_LIMIT);
    }

    /** For views: the drill-down filter of a lot. */
    public static ClaimFilter lotFilter(String gtin, String lot, @Nullable DefectCode defect) {
        var f = ClaimFilter.all().withLot(gtin, lot);
        return defect == null ? f : f.withDefect(defect);
    }
}

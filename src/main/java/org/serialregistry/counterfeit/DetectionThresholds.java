package org.serialregistry.counterfeit;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.serialregistry.audit.AuditTrail;
import org.serialregistry.counterfeit.internal.ThresholdStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.serial.ProductCategory;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Thresholds of the detector per product category, edited by administrators. The detector reads
 * them from memory ({@link #current}); an update takes effect for the next scan after commit.
 */
@Service
public class DetectionThresholds {

    private final ThresholdStore store;
    private final AuditTrail audit;
    private final CurrentUser currentUser;
    private final Clock clock;
    private volatile Map<ProductCategory, Thresholds> cache;

    DetectionThresholds(ThresholdStore store, AuditTrail audit, CurrentUser currentUser, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** The thresholds in force, from memory (loaded once). Every category is present. */
    public Thresholds current(ProductCategory category) {
        var c = cache;
        if (c == null) {
            c = load();
            cache = c;
        }
        return c.get(category);
    }

    @Transactional(readOnly = true)
    public List<Thresholds> all() {
        return List.copyOf(load().values());
    }

    /**
     * Replaces the thresholds of one category.
     *
     * @throws IllegalArgumentException naming a value out of range
     * @throws ObjectOptimisticLockingFailureException when someone saved in between
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Thresholds update(Thresholds t) {
        t.validate();
        var before = load().get(t.category());
        String by = currentUser.require();
        Instant now = Instant.now(clock);
        if (!store.update(t, by, now)) {
            throw new ObjectOptimisticLockingFailureException(Thresholds.class, t.category().name());
        }
        audit.record("counterfeit.thresholds.updated", "product-category", t.category().name(), describe(before),
                describe(t));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache = null;
            }
        });
        return load().get(t.category());
    }

    private Map<ProductCategory, Thresholds> load() {
        var map = new EnumMap<ProductCategory, Thresholds>(ProductCategory.class);
        for (Thresholds t : store.all()) {
            map.put(t.category(), t);
        }
        for (ProductCategory c : ProductCategory.values()) {
            if (!map.containsKey(c)) {
                throw new IllegalStateException("no counterfeit thresholds for category " + c);
            }
        }
        return map;
    }

    private static Map<String, ?> describe(Thresholds t) {
        return AuditTrail.state("maxSessions", t.maxSessions(), "sessionWindowDays", t.sessionWindowDays(),
                "enumerationCount", t.enumerationCount(), "enumerationWindowMinutes", t.enumerationWindowMinutes(),
                "maxSpeedKmh", t.maxSpeedKmh(), "offMarketSessions", t.offMarketSessions(),
                "newCountryWarmupScans", t.newCountryWarmupScans());
    }
}

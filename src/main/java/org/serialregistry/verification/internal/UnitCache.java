package org.serialregistry.verification.internal;

import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.LifecycleEventRecorded;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.shared.Caches;
import org.serialregistry.shared.SerialNumber;
import org.springframework.cache.CacheManager;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Units recently verified, for a few seconds ({@code serial-registry.verification.unit-cache-ttl}).
 * A lifecycle event recorded on this instance evicts its units at once (when it is published and
 * again after commit); changes made on another instance show after the time to live at most.
 * Units never issued are not cached, so a batch issued a moment ago verifies at once. At most
 * {@code unit-cache-size} units are kept (Caffeine evicts the least used ones first).
 * <p>
 * While the database cannot be reached, a unit read within
 * {@code serial-registry.verification.outage.stale-if-error} (10 minutes) still answers from its
 * last copy (counted as {@code verification.units.stale}); any other code fails at once with
 * {@link DatabaseOutage.DatabaseUnavailableException}, which the public routes answer with 503.
 */
@Component
public class UnitCache {

    static final String NAME = "verification.units";

    private record Entry(UnitRecord unit, long loadedAt) {
    }

    private final @Nullable Cache<String, Entry> entries;
    private final long freshNanos;
    private final DatabaseOutage outage;
    private final Counter stale;

    UnitCache(VerificationProperties properties, OutageProperties outageProperties, DatabaseOutage outage,
              CacheManager caches, MeterRegistry meters) {
        this.freshNanos = properties.unitCacheTtl().toNanos();
        // entries live as long as they may answer during an outage; fresh only within the time to live
        var keep = outageProperties.staleIfError().compareTo(properties.unitCacheTtl()) > 0
                ? outageProperties.staleIfError() : properties.unitCacheTtl();
        this.entries = properties.unitCacheTtl().isPositive()
                ? Caches.register(caches, NAME, Caffeine.newBuilder().maximumSize(properties.unitCacheSize())
                        .expireAfterWrite(keep))
                : null;
        this.outage = outage;
        this.stale = Counter.builder("verification.units.stale")
                .description("Verifications answered from a unit's last copy while the database was unreachable")
                .register(meters);
    }

    public Optional<UnitRecord> get(String serial, Supplier<Optional<UnitRecord>> loader) {
        if (entries == null) {
            return loader.get();
        }
        Entry hit = entries.getIfPresent(serial);
        long now = System.nanoTime();
        if (hit != null && now - hit.loadedAt() < freshNanos) {
            return Optional.of(hit.unit());
        }
        if (outage.suspected()) {
            return staleOr(hit, new DatabaseOutage.DatabaseUnavailableException());
        }
        Optional<UnitRecord> loaded;
        try {
            loaded = loader.get();
        } catch (RuntimeException e) {
            if (outage.failed(e)) {
                return staleOr(hit, e);
            }
            throw e;
        }
        if (loaded.isPresent()) {
            entries.put(serial, new Entry(loaded.get(), now));
        } else {
            entries.invalidate(serial);
        }
        return loaded;
    }

    private Optional<UnitRecord> staleOr(@Nullable Entry hit, RuntimeException e) {
        if (hit == null) {
            throw e;
        }
        stale.increment();
        return Optional.of(hit.unit());
    }

    @EventListener
    void on(LifecycleEventRecorded event) {
        evict(event);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(event);
                }
            });
        }
    }

    private void evict(LifecycleEventRecorded event) {
        if (entries == null) {
            return;
        }
        for (SerialNumber s : event.serials()) {
            entries.invalidate(s.value());
        }
    }
}

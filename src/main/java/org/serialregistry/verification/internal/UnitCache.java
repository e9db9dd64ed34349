package org.serialregistry.verification.internal;

import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 */
@Component
public class UnitCache {

    static final String NAME = "verification.units";

    private final @Nullable Cache<String, UnitRecord> entries;

    UnitCache(VerificationProperties properties, CacheManager caches) {
        this.entries = properties.unitCacheTtl().isPositive()
                ? Caches.register(caches, NAME, Caffeine.newBuilder().maximumSize(properties.unitCacheSize())
                        .expireAfterWrite(properties.unitCacheTtl()))
                : null;
    }

    public Optional<UnitRecord> get(String serial, Supplier<Optional<UnitRecord>> loader) {
        if (entries == null) {
            return loader.get();
        }
        UnitRecord hit = entries.getIfPresent(serial);
        if (hit != null) {
            return Optional.of(hit);
        }
        var loaded = loader.get();
        loaded.ifPresent(unit -> entries.put(serial, unit));
        return loaded;
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

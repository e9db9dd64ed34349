package org.serialregistry.verification.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.serialregistry.serial.LifecycleEventRecorded;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.shared.SerialNumber;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Units recently verified, for a few seconds ({@code serial-registry.verification.unit-cache-ttl}).
 * A lifecycle event recorded on this instance evicts its units at once (when it is published and
 * again after commit); changes made on another instance show after the time to live at most.
 * Units never issued are not cached, so a batch issued a moment ago verifies at once.
 */
@Component
public class UnitCache {

    private record Entry(UnitRecord unit, long expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxSize;

    UnitCache(VerificationProperties properties) {
        this.ttlNanos = properties.unitCacheTtl().toNanos();
        this.maxSize = properties.unitCacheSize();
    }

    public Optional<UnitRecord> get(String serial, Supplier<Optional<UnitRecord>> loader) {
        if (ttlNanos <= 0) {
            return loader.get();
        }
        long now = System.nanoTime();
        Entry entry = entries.get(serial);
        if (entry != null && entry.expiresAt - now > 0) {
            return Optional.of(entry.unit);
        }
        var loaded = loader.get();
        if (loaded.isPresent()) {
            if (entries.size() >= maxSize) {
                entries.clear();
            }
            entries.put(serial, new Entry(loaded.get(), now + ttlNanos));
        } else if (entry != null) {
            entries.remove(serial);
        }
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
        for (SerialNumber s : event.serials()) {
            entries.remove(s.value());
        }
    }
}

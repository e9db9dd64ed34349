package org.serialregistry.forensics.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.serialregistry.forensics.DecodingBusyException;
import org.springframework.stereotype.Component;

/**
 * At most {@code max-parallel-decodes} images are decoded at once, so that the decoded memory of
 * all uploads together stays below that many times {@code max-decoded-image}; an upload that finds
 * no free slot within {@code decode-wait} is refused with {@link DecodingBusyException}.
 */
@Component
public class DecodeBulkhead {

    private final Semaphore slots;
    private final ForensicsProperties properties;

    DecodeBulkhead(ForensicsProperties properties) {
        this.properties = properties;
        this.slots = new Semaphore(Math.max(1, properties.maxParallelDecodes()), true);
    }

    public <T> T decode(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(properties.decodeWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new DecodingBusyException(properties.maxParallelDecodes(), Math.max(1, properties.retryAfter().toSeconds()));
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** Test hook: the slots in use, to show what a full bulkhead answers. */
    Semaphore slots() {
        return slots;
    }
}

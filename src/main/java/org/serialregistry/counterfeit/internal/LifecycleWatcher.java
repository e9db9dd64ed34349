package org.serialregistry.counterfeit.internal;

import java.time.Clock;
import java.time.Instant;

import org.serialregistry.serial.LifecycleEventRecorded;
import org.serialregistry.shared.SerialNumber;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Follows status changes in the lifecycle log: once a unit is destroyed or reported stolen, any
 * later scan of its code is suspect, even when a scan still carries the older status.
 */
@Component
class LifecycleWatcher {

    private final ScanSignalDetector detector;
    private final Clock clock;

    LifecycleWatcher(ScanSignalDetector detector, Clock clock) {
        this.detector = detector;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(LifecycleEventRecorded event) {
        if (event.newStatus() == null) {
            return;
        }
        Instant now = Instant.now(clock);
        for (SerialNumber serial : event.serials()) {
            if (event.newStatus().terminal()) {
                detector.unitBecameInactive(serial.value(), now);
            } else {
                detector.unitReactivated(serial.value());
            }
        }
    }
}

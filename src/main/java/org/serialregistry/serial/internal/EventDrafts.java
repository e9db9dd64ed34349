package org.serialregistry.serial.internal;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.shared.SerialNumber;

/** Helpers that turn status changes into CBV-conformant events. */
public final class EventDrafts {

    private EventDrafts() {
    }

    /** The business step and disposition that go with each status. */
    public static NewLifecycleEvent forStatus(List<SerialNumber> serials, UnitStatus status, String reason) {
        var step = switch (status) {
            case SUPPLIED -> BusinessStep.RETAIL_SELLING;
            case EXPORTED -> BusinessStep.SHIPPING;
            case SAMPLE, LOCKED -> BusinessStep.HOLDING;
            case RECALLED, STOLEN -> BusinessStep.HOLDING;
            case DESTROYED -> BusinessStep.DESTROYING;
            case DECOMMISSIONED -> BusinessStep.DECOMMISSIONING;
            case ARCHIVED -> BusinessStep.DECOMMISSIONING;
            case ACTIVE -> BusinessStep.OTHER;
        };
        var disposition = switch (status) {
            case SUPPLIED -> Disposition.RETAIL_SOLD;
            case EXPORTED -> Disposition.IN_TRANSIT;
            case SAMPLE, LOCKED -> Disposition.NON_CONFORMANT;
            case RECALLED -> Disposition.RECALLED;
            case STOLEN -> Disposition.STOLEN;
            case DESTROYED -> Disposition.DESTROYED;
            case DECOMMISSIONED -> Disposition.INACTIVE;
            case ARCHIVED -> Disposition.INACTIVE;
            case ACTIVE -> Disposition.ACTIVE;
        };
        return NewLifecycleEvent.observe(serials, step, disposition, status, reason);
    }

    public static String digest(List<String> sortedSerials) {
        var d = new Hashing.SerialListDigest();
        sortedSerials.forEach(d::add);
        return d.hex();
    }

    public static @Nullable String transactions(@Nullable Map<String, String> transactions) {
        return transactions == null ? null : EventRow.formatTransactions(transactions);
    }
}

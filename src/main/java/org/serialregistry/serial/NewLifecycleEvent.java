package org.serialregistry.serial;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.SerialNumber;

/**
 * A lifecycle event another module records against units (shipping, receiving, selling, repair,
 * status changes). The serials must exist; a status change must be allowed from each unit's
 * current status, or nothing is written.
 *
 * @param eventTime        when it happened (null: now)
 * @param sourceParty      owning or possessing party the units come from (EPCIS source)
 * @param destinationParty party they go to (EPCIS destination)
 * @param bizTransactions  type to identifier, e.g. {@code po -> 4711}, {@code desadv -> SH-1}
 * @param newStatus        the unit status this event sets, or null when status is unchanged
 */
public record NewLifecycleEvent(List<SerialNumber> serials, EpcisEventType type, BusinessStep bizStep,
                                @Nullable Disposition disposition, @Nullable Instant eventTime,
                                @Nullable String readPoint, @Nullable String bizLocation,
                                @Nullable String sourceParty, @Nullable String destinationParty,
                                Map<String, String> bizTransactions, @Nullable UnitStatus newStatus,
                                @Nullable String reason) {

    /** A plain ObjectEvent (OBSERVE) with the given step, disposition and status. */
    public static NewLifecycleEvent observe(List<SerialNumber> serials, BusinessStep step, @Nullable Disposition disposition,
                                            @Nullable UnitStatus newStatus, @Nullable String reason) {
        return new NewLifecycleEvent(serials, EpcisEventType.OBJECT_EVENT, step, disposition, null, null, null, null,
                null, Map.of(), newStatus, reason);
    }
}

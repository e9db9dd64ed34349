package org.serialregistry.serial;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.SerialNumber;

/**
 * An event was appended to the lifecycle log (not published for batch commissioning, which has
 * {@link SerialBatchIssued}). Carries the serials so listeners need not read them back.
 */
public record LifecycleEventRecorded(LifecycleEventId eventId, BusinessStep bizStep, @Nullable Disposition disposition,
                                     @Nullable String sourceParty, @Nullable String destinationParty,
                                     @Nullable UnitStatus newStatus, List<SerialNumber> serials) {
}

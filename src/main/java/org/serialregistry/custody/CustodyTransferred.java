package org.serialregistry.custody;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.LifecycleEventId;

/** Units changed hands (shipped, received, or sold to the end customer). */
public record CustodyTransferred(LifecycleEventId lifecycleEventId, BusinessStep bizStep, @Nullable String shipmentNumber,
                                 @Nullable String fromParty, @Nullable String toParty, List<String> serials) {
}

package org.serialregistry.custody;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.BusinessStep;

/** Units changed hands (shipped, received, or sold to the end customer). */
public record CustodyTransferred(long lifecycleEventId, BusinessStep bizStep, @Nullable String shipmentNumber,
                                 @Nullable String fromParty, @Nullable String toParty, List<String> serials) {
}

package org.serialregistry.returns;

import org.jspecify.annotations.Nullable;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ServiceOutcome;

/**
 * What a technician did under an RMA.
 *
 * @param replacementSerial the serial of the unit shipped instead (only for {@link ServiceOutcome#REPLACED})
 */
public record NewRepair(ClaimId claimId, long claimVersion, @Nullable String actions, @Nullable String parts,
                        @Nullable String technician, @Nullable ServiceOutcome outcome,
                        @Nullable String replacementSerial) {
}

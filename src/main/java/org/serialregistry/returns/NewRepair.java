package org.serialregistry.returns;

import org.jspecify.annotations.Nullable;
import org.serialregistry.warranty.ServiceOutcome;
import org.serialregistry.warranty.ClaimId;

/**
 * What a technician did under an RMA.
 *
 * @param replacementSerial the serial of the unit shipped instead (only for {@link ServiceOutcome#REPLACED})
 */
public record NewRepair(long claimId, long claimVersion, @Nullable String actions, @Nullable String parts,
                        @Nullable String technician, @Nullable ServiceOutcome outcome,
                        @Nullable String replacementSerial) {

    /** The claim as warranty's API takes it. */
    public ClaimId claim() {
        return new ClaimId(claimId);
    }
}

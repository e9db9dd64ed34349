package org.serialregistry.returns;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ServiceOutcome;

/**
 * A repair logged by a service centre under a claim's RMA.
 *
 * @param serviceCentre party code of the service centre that did the repair (null: logged by an
 *                      administrator on an RMA with no centre, or a repair from before centres were recorded)
 */
public record RepairView(long id, ClaimId claimId, String claimNumber, String rmaNumber, String serial, String actions,
                         @Nullable String parts, String technician, @Nullable String serviceCentre, ServiceOutcome outcome,
                         @Nullable String replacementSerial, String loggedBy, Instant loggedAt) {
}

package org.serialregistry.returns;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.serialregistry.warranty.ServiceOutcome;

/** A repair logged by a service centre under a claim's RMA. */
public record RepairView(long id, long claimId, String claimNumber, String rmaNumber, String serial, String actions,
                         @Nullable String parts, String technician, ServiceOutcome outcome,
                         @Nullable String replacementSerial, String loggedBy, Instant loggedAt) {
}

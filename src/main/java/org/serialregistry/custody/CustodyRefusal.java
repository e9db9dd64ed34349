package org.serialregistry.custody;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A refused transfer, kept as a signal: someone tried to pass on units they did not hold. */
public record CustodyRefusal(long id, Instant refusedAt, @Nullable String shipmentNumber, @Nullable String fromParty,
                             @Nullable String toParty, int unitCount, int refusedCount, String sampleSerials,
                             String reason, String requestedBy) {
}

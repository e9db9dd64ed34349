package org.serialregistry.custody;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A transfer was refused because the sender did not hold the units (a counterfeit or diversion signal). */
public record CustodyTransferRefused(long refusalId, @Nullable String shipmentNumber, @Nullable String fromParty,
                                     @Nullable String toParty, List<String> refusedSerials, String reason) {
}

package org.serialregistry.custody;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** Units went (or were scanned) outside their permitted markets; names who let them out. */
public record DiversionDetected(String source, String lastLegitimateHolder, @Nullable String destinationParty,
                                String seenMarket, @Nullable String shipmentNumber, List<String> serials) {
}

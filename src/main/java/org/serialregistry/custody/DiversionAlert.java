package org.serialregistry.custody;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A unit seen outside the markets it may be in.
 *
 * @param source               TRANSFER (shipped to a party outside) or SCAN (verified in a country outside)
 * @param lastLegitimateHolder the last party that held the unit within its permitted markets: who let it out
 */
public record DiversionAlert(long id, Instant detectedAt, String source, String serial, String gtin, String lot,
                             String intendedMarket, String seenMarket, @Nullable String destinationParty,
                             String lastLegitimateHolder, @Nullable String shipmentNumber, @Nullable Long eventId,
                             String reason, String status) {
}

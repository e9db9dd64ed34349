package org.serialregistry.custody;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.LifecycleEventId;

/**
 * A unit seen outside the markets it may be in.
 *
 * @param source               TRANSFER (shipped to a party outside) or SCAN (verified in a country outside)
 * @param lastLegitimateHolder the last party that held the unit within its permitted markets: who let it out
 * @param status               a {@link DiversionStatus} name
 * @param assignee             who investigates (set when the alert is taken up)
 * @param resolution           why it was confirmed, dismissed or reopened
 * @param version              for optimistic locking of status changes
 */
public record DiversionAlert(long id, Instant detectedAt, String source, String serial, String gtin, String lot,
                             String intendedMarket, String seenMarket, @Nullable String destinationParty,
                             String lastLegitimateHolder, @Nullable String shipmentNumber, @Nullable LifecycleEventId eventId,
                             String reason, String status, @Nullable String assignee, @Nullable String resolution,
                             @Nullable String statusChangedBy, @Nullable Instant statusChangedAt, long version) {

    /** A new, open alert. */
    public static DiversionAlert open(Instant detectedAt, String source, String serial, String gtin, String lot,
                                      String intendedMarket, String seenMarket, @Nullable String destinationParty,
                                      String lastLegitimateHolder, @Nullable String shipmentNumber,
                                      @Nullable LifecycleEventId eventId, String reason) {
        return new DiversionAlert(0, detectedAt, source, serial, gtin, lot, intendedMarket, seenMarket,
                destinationParty, lastLegitimateHolder, shipmentNumber, eventId, reason, DiversionStatus.OPEN.name(),
                null, null, null, null, 0);
    }

    public DiversionStatus state() {
        return DiversionStatus.valueOf(status);
    }
}

package org.serialregistry.custody;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.LifecycleEventId;

/** A shipment and, once received, the figures of its receipt. */
public record ShipmentView(ShipmentId id, String shipmentNumber, String fromParty, String toParty, ShipmentStatus status,
                           Map<String, String> references, int unitCount, int divertedCount, LifecycleEventId shipEventId,
                           Instant shippedAt, String shippedBy, @Nullable LifecycleEventId receiveEventId,
                           @Nullable Instant receivedAt, @Nullable String receivedBy, @Nullable Integer receivedCount,
                           @Nullable Integer missingCount, @Nullable Integer extraCount,
                           @Nullable Integer notGenuineCount) {
}

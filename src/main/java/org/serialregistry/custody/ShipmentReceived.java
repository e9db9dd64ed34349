package org.serialregistry.custody;

import java.util.Map;

/** A receiver confirmed a shipment; the counts say how it matched the manifest. */
public record ShipmentReceived(long shipmentId, String shipmentNumber, String fromParty, String toParty,
                               Map<ReceiptOutcome, Long> counts) {
}

package org.serialregistry.custody;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.LifecycleEventId;

/**
 * One unit in one custody event (shipping, receiving, retail selling): a row of the custody report.
 *
 * @param place      EPCIS business location or read point (a party's location URN)
 * @param references business transactions as {@code type=id;type=id}
 */
public record CustodyMovement(LifecycleEventId eventId, Instant eventTime, BusinessStep bizStep, @Nullable Disposition disposition,
                              String serial, String gtin, String lot, @Nullable String fromParty,
                              @Nullable String toParty, @Nullable String place, @Nullable String shipmentNumber,
                              @Nullable String references, String recordedBy) {
}

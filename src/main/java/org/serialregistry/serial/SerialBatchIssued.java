package org.serialregistry.serial;

import java.util.UUID;

import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;

/** A batch of serials was committed: its units exist from now on. */
public record SerialBatchIssued(UUID batchId, Gtin gtin, LotNumber lot, int quantity, String facilityCode,
                                String lineCode) {
}

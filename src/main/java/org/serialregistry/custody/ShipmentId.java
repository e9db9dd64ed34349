package org.serialregistry.custody;

import org.serialregistry.shared.NumericId;

/** A shipment's id as other modules hold it (EPCIS receiving events confirm a shipment by it). */
public record ShipmentId(long value) implements NumericId {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

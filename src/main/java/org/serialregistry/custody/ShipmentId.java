package org.serialregistry.custody;

/** A shipment's id as other modules hold it (EPCIS receiving events confirm a shipment by it). */
public record ShipmentId(long value) {
}

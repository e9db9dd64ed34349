package org.serialregistry.custody;

/** Where a shipment stands. */
public enum ShipmentStatus {
    IN_TRANSIT("In transit"), RECEIVED("Received"), RECEIVED_WITH_DIFFERENCES("Received with differences");

    private final String label;

    ShipmentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

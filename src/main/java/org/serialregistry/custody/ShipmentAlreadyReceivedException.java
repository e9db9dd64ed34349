package org.serialregistry.custody;

/**
 * The shipment was received already, perhaps a moment ago by a colleague at the same party; nothing
 * was written. A conflict with the shipment's state, not bad input: the API answers 409. It stays an
 * {@link IllegalArgumentException} ("shipment: ...") so that screens show it at the shipment as before.
 */
public class ShipmentAlreadyReceivedException extends IllegalArgumentException {

    public ShipmentAlreadyReceivedException(String message) {
        super(message);
    }
}

package org.serialregistry.serial;

import org.serialregistry.shared.NumericId;

/**
 * An event's place in the lifecycle log ({@link LifecycleEventView#id()}, the number in
 * {@code /api/v1/lifecycle/events/{id}}) as other modules hold it: the lifecycle module corrects and
 * undoes events by it; custody keeps the event of each shipment, receipt and movement and publishes it
 * in {@code CustodyTransferred}; EPCIS links its captured events to it; reporting writes it into the
 * custody exports; warranty matches undone events by it. Not the event's EPCIS {@code eventID}, which
 * is the UUID {@link LifecycleEventView#eventId()}.
 */
public record LifecycleEventId(long value) implements NumericId {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

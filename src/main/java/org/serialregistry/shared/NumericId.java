package org.serialregistry.shared;

/**
 * An id that one module hands out and other modules hold ({@code warranty.ClaimId},
 * {@code serial.LifecycleEventId}, ...): a database number typed by what it identifies, so that a claim's
 * id cannot be passed where a shipment's is meant. Each is a record in the owning module's package.
 *
 * <p>Outside Java it is the plain number, as the {@code long} it replaced was: in JSON (REST answers and
 * requests, and the event publications Spring Modulith stores, see {@code api.TypedValuesJson}) and in
 * text (each record's {@code toString()} is the number, so log lines and audit subjects read as before).
 */
public interface NumericId {

    /** The number in the owning module's table. */
    long value();
}

package org.serialregistry.warranty;

import org.serialregistry.shared.NumericId;

/**
 * A warranty claim's id as other modules hold it (returns' repairs and RMAs refer to claims by it).
 * People see it as the claim number ({@code WC-0000012}); the REST API keeps numbers in its JSON and
 * converts at the controller.
 */
public record ClaimId(long value) implements NumericId {

    /** Parses "WC-0000012" or "12". */
    public static ClaimId of(String claimNumber) {
        return new ClaimId(ClaimView.idOf(claimNumber));
    }

    /** The claim number people see, {@code WC-0000012}. */
    public String number() {
        return ClaimView.number(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

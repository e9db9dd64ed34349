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
        String t = claimNumber == null ? "" : claimNumber.strip().toUpperCase();
        t = t.startsWith("WC-") ? t.substring(3) : t;
        try {
            return new ClaimId(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("claim: '" + claimNumber + "' is not a claim number like WC-0000012");
        }
    }

    /** The claim number people see, {@code WC-0000012}. */
    public String number() {
        return "WC-%07d".formatted(value);
    }

    /** The RMA number the claim gets when it is approved, {@code RMA-0000012}. */
    public String rma() {
        return "RMA-%07d".formatted(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

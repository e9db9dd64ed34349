package org.serialregistry.custody;

/** What the receiver's check says about one serial of an incoming shipment. */
public enum ReceiptOutcome {
    /** Genuine, and listed in this shipment. */
    EXPECTED("Genuine and expected"),
    /** Listed in the shipment but not received. */
    MISSING("Missing: shipped but not received"),
    /** A genuine unit of this registry, but not listed in this shipment. */
    NOT_IN_SHIPMENT("Genuine but not in this shipment"),
    /** The code fails its cryptographic check, is malformed, or is on the counterfeit list. */
    NOT_GENUINE("Not genuine"),
    /** A code with a valid tag that the registry never issued. */
    UNKNOWN("Unknown: valid code never issued"),
    /** A genuine unit that was already sold, destroyed or stolen. */
    INACTIVE("Already sold or destroyed");

    private final String label;

    ReceiptOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this outcome is a difference between what was shipped and what arrived. */
    public boolean difference() {
        return this != EXPECTED;
    }
}

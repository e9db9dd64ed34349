package org.serialregistry.warranty;

/** When a warranty term starts. */
public enum StartRule {
    /** On the production date of the unit. */
    FROM_MANUFACTURE("from manufacture"),
    /** On the registered purchase date (the production date while the unit is not registered). */
    FROM_PURCHASE("from purchase"),
    /** The earlier of the purchase date and the production date plus the grace period. */
    EARLIER_OF_PURCHASE_AND_MANUFACTURE_PLUS_GRACE("from the earlier of purchase and manufacture plus grace");

    private final String words;

    StartRule(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}

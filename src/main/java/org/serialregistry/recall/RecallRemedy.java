package org.serialregistry.recall;

/**
 * What happens to a recalled unit. A unit is remedied when it is repaired or updated (it circulates
 * again: status back to ACTIVE) or taken out for good (replaced, refunded, destroyed: DESTROYED).
 */
public enum RecallRemedy {
    REPAIR("Repair", false), SOFTWARE_UPDATE("Software update", false), INSPECT("Inspection", false),
    REPLACE("Replacement", true), REFUND("Refund", true), DESTROY("Destruction", true);

    private final String label;
    private final boolean takesUnitOut;

    RecallRemedy(String label, boolean takesUnitOut) {
        this.label = label;
        this.takesUnitOut = takesUnitOut;
    }

    public String label() {
        return label;
    }

    /** Whether the remedied unit leaves circulation (destroyed) rather than returning to it. */
    public boolean takesUnitOut() {
        return takesUnitOut;
    }
}

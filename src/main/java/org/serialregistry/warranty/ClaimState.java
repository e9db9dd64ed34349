package org.serialregistry.warranty;

/** Where a claim is in its life. */
public enum ClaimState {
    SUBMITTED, APPROVED, DENIED, NEEDS_REVIEW, RMA_ISSUED, REPAIRED, REPLACED, CLOSED;

    public String label() {
        return (name().charAt(0) + name().substring(1).toLowerCase()).replace('_', ' ').replace("Rma", "RMA");
    }

    /**
     * Whether a person may approve or deny a claim in this state: one that waits for review (or was
     * never decided automatically). Every other state was decided already; a new decision on it is
     * refused by {@link ClaimDecisions} and offered by no view.
     */
    public boolean canDecide() {
        return this == NEEDS_REVIEW || this == SUBMITTED;
    }

    /** Open claims still need someone's work. */
    public boolean open() {
        return this == SUBMITTED || this == NEEDS_REVIEW || this == APPROVED || this == RMA_ISSUED;
    }
}

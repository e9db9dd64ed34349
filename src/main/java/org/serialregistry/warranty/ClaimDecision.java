package org.serialregistry.warranty;

/** The outcome of adjudication. */
public enum ClaimDecision {
    APPROVED, DENIED, NEEDS_REVIEW;

    public String label() {
        return switch (this) {
            case APPROVED -> "Approved";
            case DENIED -> "Denied";
            case NEEDS_REVIEW -> "Needs review";
        };
    }
}

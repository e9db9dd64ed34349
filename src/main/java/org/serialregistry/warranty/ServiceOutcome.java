package org.serialregistry.warranty;

/** What a service centre did with a unit under an RMA. */
public enum ServiceOutcome {
    REPAIRED("Repaired"), REPLACED("Replaced"), NO_FAULT_FOUND("No fault found");

    private final String label;

    ServiceOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

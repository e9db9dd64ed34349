package org.serialregistry.warranty;

/** What a coverage line of a policy pays for. */
public enum CoverageKind {
    PARTS("Parts"),
    LABOUR("Labour"),
    TRAVEL("Travel");

    private final String label;

    CoverageKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

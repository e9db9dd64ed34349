package org.serialregistry.counterfeit;

/** Where an alert case stands. New signals join a case only while it is OPEN or INVESTIGATING. */
public enum CaseState {
    OPEN("Open"), INVESTIGATING("Investigating"), CONFIRMED_COUNTERFEIT("Confirmed counterfeit"),
    CONFIRMED_DIVERSION("Confirmed diversion"), FALSE_POSITIVE("False positive"), CLOSED("Closed");

    private final String label;

    CaseState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean open() {
        return this == OPEN || this == INVESTIGATING;
    }

    /** Parses a state named by a user or an API client; the message lists the valid states. */
    public static CaseState parse(String field, String raw) {
        try {
            return valueOf(raw.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + ": one of " + java.util.Arrays.toString(values()));
        }
    }
}

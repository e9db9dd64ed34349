package org.serialregistry.forensics;

/** The reviewer's conclusion on a suspect unit. */
public enum Verdict {
    GENUINE("Genuine"), COUNTERFEIT("Counterfeit"), INCONCLUSIVE("Inconclusive");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

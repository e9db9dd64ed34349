package org.serialregistry.recall;

/** How dangerous the defect is, after the FDA recall classes. */
public enum RecallSeverity {
    CLASS_I("Class I: may cause serious harm"),
    CLASS_II("Class II: may cause temporary or reversible harm"),
    CLASS_III("Class III: unlikely to cause harm");

    private final String label;

    RecallSeverity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

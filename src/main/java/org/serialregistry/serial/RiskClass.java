package org.serialregistry.serial;

/** High-value products get tighter counterfeit thresholds and manual review more often. */
public enum RiskClass {
    STANDARD("Standard"), HIGH_VALUE("High value");

    private final String label;

    RiskClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

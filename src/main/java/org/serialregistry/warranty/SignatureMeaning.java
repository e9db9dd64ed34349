package org.serialregistry.warranty;

/** The meaning of an electronic signature (21 CFR 11.50). */
public enum SignatureMeaning {
    APPROVAL("Approval"), REVIEW("Review"), RESPONSIBILITY("Responsibility");

    private final String label;

    SignatureMeaning(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

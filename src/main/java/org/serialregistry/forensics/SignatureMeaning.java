package org.serialregistry.forensics;

/** What the signer means by signing (21 CFR 11.50: the meaning is part of the signature). */
public enum SignatureMeaning {
    REVIEW("Review: I examined the evidence"),
    APPROVAL("Approval: I approve this verdict"),
    RESPONSIBILITY("Responsibility: I am responsible for this verdict");

    private final String label;

    SignatureMeaning(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

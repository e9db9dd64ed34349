package org.serialregistry.verification;

/** Why a serial is on the public counterfeit list. */
public enum CounterfeitReason {
    REPORTED_BY_CUSTOMER("Reported by a customer"),
    FORENSIC_VERDICT("Forensic verdict"),
    CLONED_CODE("Cloned code"),
    STOLEN("Stolen"),
    OTHER("Other");

    private final String label;

    CounterfeitReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

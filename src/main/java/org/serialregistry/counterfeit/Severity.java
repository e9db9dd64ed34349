package org.serialregistry.counterfeit;

/** How urgent a signal or case is; a case has the highest severity of its signals. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** HIGH and CRITICAL cases go to the webhook and are announced in the portal at once. */
    public boolean high() {
        return this == HIGH || this == CRITICAL;
    }

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

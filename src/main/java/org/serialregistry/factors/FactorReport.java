package org.serialregistry.factors;

import java.util.List;

/**
 * The second factors of a unit that a verification checked, and the ones it carries but nobody read.
 * Empty {@link #checks()} and {@link #unread()} for a product that carries none.
 */
public record FactorReport(List<FactorCheck> checks, List<SecondFactor> unread) {

    public static final FactorReport NONE = new FactorReport(List.of(), List.of());

    public FactorReport {
        checks = List.copyOf(checks);
        unread = List.copyOf(unread);
    }

    /** Whether every factor that was read matched this unit. */
    public boolean allPassed() {
        return checks.stream().allMatch(c -> c.result().passed());
    }

    /** The first failed check, if any. */
    public java.util.Optional<FactorCheck> firstFailure() {
        return checks.stream().filter(c -> !c.result().passed()).findFirst();
    }

    /**
     * How strong the answer is, in plain words: "code only", "code + NFC tag",
     * "code + scratch-off code", "code + NFC tag + hologram", ...
     */
    public String strength() {
        var passed = checks.stream().filter(c -> c.result().passed()).map(c -> c.factor().label()).toList();
        return passed.isEmpty() ? "code only" : "code + " + String.join(" + ", passed);
    }
}

package org.serialregistry.factors;

/** A security feature on the unit besides its printed code. */
public enum SecondFactor {
    NFC("NFC tag"),
    SCRATCH_OFF("scratch-off code"),
    HOLOGRAM("hologram");

    private final String label;

    SecondFactor(String label) {
        this.label = label;
    }

    /** In user words, lower case: "NFC tag", "scratch-off code", "hologram". */
    public String label() {
        return label;
    }
}

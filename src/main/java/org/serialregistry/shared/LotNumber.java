package org.serialregistry.shared;

/**
 * A lot or batch number (GS1 AI 10), restricted to 1..20 uppercase letters and digits; no
 * punctuation, so that it is unambiguous in a Digital Link path and when read aloud.
 */
public record LotNumber(String value) {

    public static final int MAX_LENGTH = 20;

    public LotNumber {
        Checks.requireUppercaseAlphanumeric(value, "lot number", MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}

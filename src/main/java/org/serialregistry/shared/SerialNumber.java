package org.serialregistry.shared;

/**
 * A serial number (GS1 AI 21), restricted to 1..20 uppercase letters and digits so that it
 * fits QR alphanumeric mode and can be read aloud.
 */
public record SerialNumber(String value) {

    public static final int MAX_LENGTH = 20;

    public SerialNumber {
        Checks.requireUppercaseAlphanumeric(value, "serial number", MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.serialregistry.serial.internal;

/**
 * The outcome of checking a serial against a GTIN, decided from the serial alone (no lookup).
 * A genuine verdict proves that the serial was made with our key for this GTIN; whether the
 * unit exists, is recalled or was reported is a separate question.
 */
public sealed interface Verdict {

    /** Not 20 characters of the serial alphabet; {@code reason} is for logs, not for the public. */
    record Malformed(String reason) implements Verdict {
    }

    /** The version character names a key the ring does not hold. */
    record UnknownKey(int version) implements Verdict {
    }

    /** Well formed, but the tag does not match: not made by us, or made for another GTIN. */
    record Forged() implements Verdict {
    }

    /** Made with our key for this GTIN; carries the decrypted fields. */
    record Genuine(SerialFields fields) implements Verdict {
    }

    default boolean isGenuine() {
        return this instanceof Genuine;
    }
}

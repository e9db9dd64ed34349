package org.serialregistry.shared;

/** Shared validation for the identifier records; messages are shown to users. */
final class Checks {

    private Checks() {
    }

    static String requirePresent(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    /** Requires 1..maxLength characters from A-Z and 0-9. */
    static void requireUppercaseAlphanumeric(String value, String field, int maxLength) {
        requirePresent(value, field);
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    field + " must be at most " + maxLength + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                throw new IllegalArgumentException(field + " may contain only A-Z and 0-9, found "
                        + describe(c) + " at position " + (i + 1));
            }
        }
    }

    /** Quotes a character for a message; control and non-ASCII characters appear as U+XXXX. */
    static String describe(char c) {
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}

package org.serialregistry.shared;

/**
 * A GS1 Global Trade Item Number (AI 01) in its 14-digit form, check digit verified.
 *
 * @param value 14 digits, the last being the GS1 mod-10 check digit of the first 13
 */
public record Gtin(String value) {

    public static final int LENGTH = 14;

    public Gtin {
        Checks.requirePresent(value, "GTIN");
        if (value.length() != LENGTH) {
            throw new IllegalArgumentException("GTIN must be 14 digits, got " + value.length() + " characters");
        }
        requireDigits(value);
        char expected = checkDigit(value.substring(0, LENGTH - 1));
        if (value.charAt(LENGTH - 1) != expected) {
            throw new IllegalArgumentException("GTIN check digit is " + value.charAt(LENGTH - 1)
                    + " but should be " + expected + "; the number is mistyped");
        }
    }

    /**
     * Parses a GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN) or GTIN-14, left-padding with zeros to 14
     * digits as GS1 prescribes. Surrounding whitespace is ignored.
     *
     * @throws IllegalArgumentException if the length, the characters or the check digit is wrong
     */
    public static Gtin of(String raw) {
        String digits = Checks.requirePresent(raw == null ? null : raw.strip(), "GTIN");
        return switch (digits.length()) {
            case 8, 12, 13 -> new Gtin("0".repeat(LENGTH - digits.length()) + digits);
            case LENGTH -> new Gtin(digits);
            default -> throw new IllegalArgumentException(
                    "GTIN must have 8, 12, 13 or 14 digits, got " + digits.length() + " characters");
        };
    }

    /**
     * Computes the GS1 mod-10 check digit for the first 13 digits of a GTIN-14: weights 3 and 1
     * alternate from the rightmost digit, and the check digit tops the sum up to a multiple of 10.
     *
     * @param first13 exactly 13 digits
     */
    public static char checkDigit(String first13) {
        Checks.requirePresent(first13, "GTIN");
        if (first13.length() != LENGTH - 1) {
            throw new IllegalArgumentException(
                    "GTIN without check digit must be 13 digits, got " + first13.length() + " characters");
        }
        requireDigits(first13);
        int sum = 0;
        for (int i = 0; i < first13.length(); i++) {
            int digit = first13.charAt(i) - '0';
            sum += (i % 2 == 0) ? 3 * digit : digit;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    private static void requireDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(
                        "GTIN may contain only digits, found " + Checks.describe(c) + " at position " + (i + 1));
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.serialregistry.shared;

import java.util.Locale;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code in uppercase, such as {@code DE} or {@code US}. */
public record CountryCode(String value) {

    private static final Set<String> ISO_COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    public CountryCode {
        Checks.requirePresent(value, "country code");
        if (value.length() != 2) {
            throw new IllegalArgumentException(
                    "country code must be 2 letters (ISO 3166-1 alpha-2), got " + value.length() + " characters");
        }
        for (int i = 0; i < 2; i++) {
            char c = value.charAt(i);
            if (c < 'A' || c > 'Z') {
                throw new IllegalArgumentException("country code must be 2 uppercase letters A-Z, found "
                        + Checks.describe(c) + " at position " + (i + 1));
            }
        }
        if (!ISO_COUNTRIES.contains(value)) {
            throw new IllegalArgumentException("country code " + value + " is not an ISO 3166-1 alpha-2 code");
        }
    }

    /** Lenient entry point for user input: trims and upper-cases before validating. */
    public static CountryCode of(String raw) {
        return new CountryCode(raw == null ? null : raw.trim().toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}

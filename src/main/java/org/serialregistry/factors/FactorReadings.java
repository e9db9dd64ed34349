package org.serialregistry.factors;

import org.jspecify.annotations.Nullable;

/**
 * What a buyer's phone or a buyer read besides the printed code: the SUN parameters of an NFC tap
 * ({@code picc_data}/{@code cmac}, or {@code e}/{@code c}), a scratch-off code, a hologram number.
 * Any of them may be null.
 */
public record FactorReadings(@Nullable String piccData, @Nullable String cmac, @Nullable String scratchCode,
                             @Nullable String hologram) {

    public static final FactorReadings NONE = new FactorReadings(null, null, null, null);

    public boolean isEmpty() {
        return piccData == null && cmac == null && blank(scratchCode) && blank(hologram);
    }

    public boolean hasTap() {
        return piccData != null || cmac != null;
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}

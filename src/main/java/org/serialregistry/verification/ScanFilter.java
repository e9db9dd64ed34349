package org.serialregistry.verification;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** Filters of the scan log; null means "any". Dates are UTC days, both inclusive. */
public record ScanFilter(@Nullable String serial, @Nullable ScanOutcome outcome, @Nullable String country,
                         @Nullable LocalDate from, @Nullable LocalDate to) {

    public static ScanFilter none() {
        return new ScanFilter(null, null, null, null, null);
    }
}

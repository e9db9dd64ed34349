package org.serialregistry.verification;

import java.time.LocalDate;
import java.util.Map;

/**
 * The figures of the scan statistics screen over UTC days {@code from} to {@code to}, both inclusive:
 * scans (rows), people (distinct anonymous sessions), scans of forged codes and of codes never issued
 * (a sign that a key leaked), scans per day (oldest first, days without scans left out) and per
 * country (most first, "unknown" for scans without a known country).
 */
public record ScanStatistics(LocalDate from, LocalDate to, long scans, long people, long forged, long notIssued,
                             Map<LocalDate, Long> perDay, Map<String, Long> perCountry) {

    public ScanStatistics {
        perDay = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perDay));
        perCountry = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perCountry));
    }
}

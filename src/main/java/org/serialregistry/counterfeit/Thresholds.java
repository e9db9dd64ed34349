package org.serialregistry.counterfeit;

import java.time.Instant;

import org.serialregistry.serial.ProductCategory;

/**
 * Detection thresholds of one product category.
 *
 * @param maxSessions           more distinct sessions than this within the window raise SCAN_COUNT
 * @param sessionWindowDays     window for counting sessions (and the quiet period after a signal)
 * @param enumerationCount      this many forged, malformed or unknown codes from one client ...
 * @param enumerationWindowMinutes ... within this many minutes raise ENUMERATION
 * @param maxSpeedKmh           travel faster than this between two scans of a serial raises GEO_ANOMALY
 * @param offMarketSessions     distinct sessions scanning a unit outside its market before OFF_MARKET
 * @param newCountryWarmupScans scans of a product before a first-seen country raises NEW_COUNTRY
 */
public record Thresholds(ProductCategory category, int maxSessions, int sessionWindowDays, int enumerationCount,
                         int enumerationWindowMinutes, int maxSpeedKmh, int offMarketSessions,
                         int newCountryWarmupScans, long version, String updatedBy, Instant updatedAt) {

    /** Checks ranges; the message names the field. */
    public void validate() {
        range("maxSessions", maxSessions, 1, 10_000);
        range("sessionWindowDays", sessionWindowDays, 1, 365);
        range("enumerationCount", enumerationCount, 2, 100_000);
        range("enumerationWindowMinutes", enumerationWindowMinutes, 1, 1440);
        range("maxSpeedKmh", maxSpeedKmh, 50, 5000);
        range("offMarketSessions", offMarketSessions, 1, 1000);
        range("newCountryWarmupScans", newCountryWarmupScans, 0, 10_000_000);
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": must be between " + min + " and " + max + ", got " + value);
        }
    }
}

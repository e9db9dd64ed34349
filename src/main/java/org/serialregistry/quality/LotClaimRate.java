package org.serialregistry.quality;

import org.jspecify.annotations.Nullable;
import org.serialregistry.warranty.DefectCode;

/**
 * Claim rate of one lot: claims that were not denied, per unit issued.
 *
 * @param thresholdPercent the product's threshold; {@code aboveThreshold} also needs the minimum number of claims
 */
public record LotClaimRate(String gtin, String product, String lot, String facilityCode, String lineCode, long units,
                           long claims, double ratePercent, double thresholdPercent, boolean aboveThreshold,
                           @Nullable DefectCode topDefect) {
}

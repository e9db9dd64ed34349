package org.serialregistry.quality;

/** A lot went above its claim-rate threshold; published once per lot. */
public record QualityAlertRaised(long alertId, String gtin, String lot, double claimRatePercent,
                                 double thresholdPercent) {
}

package org.serialregistry.quality;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A quality alert: a lot went above its product's claim-rate threshold. Raised once per lot. */
public record QualityAlertView(long id, String gtin, String lot, String facilityCode, String lineCode, int claims,
                               int units, double claimRatePercent, double thresholdPercent,
                               @Nullable String topDefect, Instant raisedAt, @Nullable String acknowledgedBy,
                               @Nullable Instant acknowledgedAt, @Nullable String notes, long version) {

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}

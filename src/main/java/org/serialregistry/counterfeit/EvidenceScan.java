package org.serialregistry.counterfeit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A scan kept as evidence of a signal (or in the recent-scan window of a serial). */
public record EvidenceScan(UUID scanId, Instant at, @Nullable String gtin, String serial, String outcome,
                           String clientKey, String sessionId, @Nullable String country,
                           @Nullable Double latitude, @Nullable Double longitude, @Nullable String unitStatus) {
}

package org.serialregistry.quality;

/** A product's claim-rate threshold: a lot above it (with at least {@code minClaims} claims) raises an alert. */
public record ClaimThreshold(String gtin, String product, double maxClaimRatePercent, int minClaims, boolean configured) {
}

package org.serialregistry.quality;

/** Claims per units issued for one group (a line, facility, product or defect code). */
public record ClaimRate(String group, long units, long claims, double ratePercent) {
}

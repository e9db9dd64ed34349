package org.serialregistry.warranty;

/** Claims that were not denied, for one product, lot, facility, line and defect. */
public record ClaimCount(String gtin, String lot, String facilityCode, String lineCode, DefectCode defect,
                         long claims) {
}

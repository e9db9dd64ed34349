package org.serialregistry.warranty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One version of a product's warranty policy. Versions are never edited; the version in force on
 * a unit's sale date judges its claims.
 */
public record WarrantyPolicyView(long id, String gtin, int version, LocalDate effectiveFrom, int termMonths,
                                 StartRule startRule, int graceDays, Set<DefectCode> coveredDefects,
                                 Set<DefectCode> excludedDefects, boolean partsCovered, boolean labourCovered,
                                 int claimLimit, @Nullable String note, String createdBy, Instant createdAt) {

    /** A defect is covered when listed as covered and not excluded. */
    public boolean covers(DefectCode defect) {
        return coveredDefects.contains(defect) && !excludedDefects.contains(defect);
    }

    /** "24 months from purchase", for explanations. */
    public String termInWords() {
        return termMonths + " months " + startRule.words()
                + (startRule == StartRule.EARLIER_OF_PURCHASE_AND_MANUFACTURE_PLUS_GRACE ? " (" + graceDays + " days)" : "");
    }
}

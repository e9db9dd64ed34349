package org.serialregistry.warranty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One version of a product's warranty policy. Versions are never edited; the version in force on
 * a unit's sale date judges its claims.
 *
 * @param lines coverage lines (parts, labour, travel), each with its own term and start; empty: the
 *              version's one term and start rule cover what {@code partsCovered} and {@code labourCovered} say
 */
public record WarrantyPolicyView(long id, String gtin, int version, LocalDate effectiveFrom, int termMonths,
                                 StartRule startRule, int graceDays, Set<DefectCode> coveredDefects,
                                 Set<DefectCode> excludedDefects, boolean partsCovered, boolean labourCovered,
                                 int claimLimit, @Nullable String note, String createdBy, Instant createdAt,
                                 List<CoverageLine> lines) {

    public WarrantyPolicyView {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A version without coverage lines. */
    public WarrantyPolicyView(long id, String gtin, int version, LocalDate effectiveFrom, int termMonths,
                              StartRule startRule, int graceDays, Set<DefectCode> coveredDefects,
                              Set<DefectCode> excludedDefects, boolean partsCovered, boolean labourCovered,
                              int claimLimit, @Nullable String note, String createdBy, Instant createdAt) {
        this(id, gtin, version, effectiveFrom, termMonths, startRule, graceDays, coveredDefects, excludedDefects,
                partsCovered, labourCovered, claimLimit, note, createdBy, createdAt, List.of());
    }

    public WarrantyPolicyView withLines(List<CoverageLine> lines) {
        return new WarrantyPolicyView(id, gtin, version, effectiveFrom, termMonths, startRule, graceDays, coveredDefects,
                excludedDefects, partsCovered, labourCovered, claimLimit, note, createdBy, createdAt, lines);
    }

    /** A defect is covered when listed as covered and not excluded. */
    public boolean covers(DefectCode defect) {
        return coveredDefects.contains(defect) && !excludedDefects.contains(defect);
    }

    /** "24 months from purchase", or the lines: "parts 36 months from manufacture; labour 12 months from sale". */
    public String termInWords() {
        if (!lines.isEmpty()) {
            return lines.stream().map(CoverageLine::inWords).collect(Collectors.joining("; "));
        }
        return termMonths + " months " + startRule.words()
                + (startRule == StartRule.EARLIER_OF_PURCHASE_AND_MANUFACTURE_PLUS_GRACE ? " (" + graceDays + " days)" : "");
    }
}

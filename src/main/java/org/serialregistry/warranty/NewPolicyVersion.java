package org.serialregistry.warranty;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A new version of a product's policy, in force for units sold from {@code effectiveFrom}.
 *
 * @param lines coverage lines, at most one per kind (empty or null: one term for parts and labour as
 *              {@code partsCovered} and {@code labourCovered} say); with lines, what they name is paid
 */
public record NewPolicyVersion(String gtin, @Nullable LocalDate effectiveFrom, int termMonths, StartRule startRule,
                               int graceDays, Set<DefectCode> coveredDefects, Set<DefectCode> excludedDefects,
                               boolean partsCovered, boolean labourCovered, int claimLimit, @Nullable String note,
                               @Nullable List<CoverageLine> lines) {

    /** A version without coverage lines. */
    public NewPolicyVersion(String gtin, @Nullable LocalDate effectiveFrom, int termMonths, StartRule startRule,
                            int graceDays, Set<DefectCode> coveredDefects, Set<DefectCode> excludedDefects,
                            boolean partsCovered, boolean labourCovered, int claimLimit, @Nullable String note) {
        this(gtin, effectiveFrom, termMonths, startRule, graceDays, coveredDefects, excludedDefects, partsCovered,
                labourCovered, claimLimit, note, null);
    }
}

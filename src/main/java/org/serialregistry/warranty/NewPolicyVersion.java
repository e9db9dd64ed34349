package org.serialregistry.warranty;

import java.time.LocalDate;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** A new version of a product's policy, in force for units sold from {@code effectiveFrom}. */
public record NewPolicyVersion(String gtin, @Nullable LocalDate effectiveFrom, int termMonths, StartRule startRule,
                               int graceDays, Set<DefectCode> coveredDefects, Set<DefectCode> excludedDefects,
                               boolean partsCovered, boolean labourCovered, int claimLimit, @Nullable String note) {
}

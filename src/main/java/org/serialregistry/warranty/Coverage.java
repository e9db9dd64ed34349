package org.serialregistry.warranty;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Whether a unit is under warranty on a day, until when, and why.
 *
 * @param saleDate     the date that chose the policy version (purchase date, else production date)
 * @param startDate    first day of cover (null without a policy)
 * @param until        last day of cover (null without a policy)
 * @param explanation  one or two sentences naming the rule and the dates used
 * @param registered   the unit has a registered owner
 * @param rule         the term and start used, e.g. "24 months from the purchase date 2026-11-01, policy version 1"
 * @param lines        each coverage line of the policy on the day (empty for a policy without lines);
 *                     then {@code covered} means some line covers the day, and {@code startDate} and
 *                     {@code until} span the lines that have started
 */
public record Coverage(String gtin, String serial, LocalDate onDate, boolean covered, LocalDate saleDate,
                       @Nullable LocalDate startDate, @Nullable LocalDate until, String explanation,
                       boolean registered, @Nullable String rule,
                       @Nullable WarrantyPolicyView policy, List<LineCover> lines) {

    public Coverage {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** Within the term on the day, the unit's status aside: some line covers it, or the one term does. */
    public boolean withinTerm() {
        if (!lines.isEmpty()) {
            return lines.stream().anyMatch(LineCover::covered);
        }
        return startDate != null && until != null && !onDate.isBefore(startDate) && !onDate.isAfter(until);
    }
}

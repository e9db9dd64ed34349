package org.serialregistry.warranty;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which claims a queue or drill-down shows. Null or empty fields do not filter.
 *
 * @param text matches claim number, serial, claimant name or RMA number
 */
public record ClaimFilter(@Nullable Set<ClaimState> states, @Nullable String gtin, @Nullable String lot,
                          @Nullable String facilityCode, @Nullable String lineCode, @Nullable DefectCode defect,
                          @Nullable String text, @Nullable String assignedTo, @Nullable String submittedBy,
                          Sort sort, int limit) {

    public enum Sort { OLDEST_FIRST, NEWEST_FIRST }

    public static ClaimFilter all() {
        return new ClaimFilter(null, null, null, null, null, null, null, null, null, Sort.NEWEST_FIRST, 500);
    }

    public ClaimFilter withStates(Set<ClaimState> s) {
        return new ClaimFilter(s, gtin, lot, facilityCode, lineCode, defect, text, assignedTo, submittedBy, sort, limit);
    }

    public ClaimFilter withLot(String g, String l) {
        return new ClaimFilter(states, g, l, facilityCode, lineCode, defect, text, assignedTo, submittedBy, sort, limit);
    }

    public ClaimFilter withDefect(DefectCode d) {
        return new ClaimFilter(states, gtin, lot, facilityCode, lineCode, d, text, assignedTo, submittedBy, sort, limit);
    }

    public ClaimFilter withLimit(int max) {
        return new ClaimFilter(states, gtin, lot, facilityCode, lineCode, defect, text, assignedTo, submittedBy, sort, max);
    }

    public ClaimFilter withSubmittedBy(String who) {
        return new ClaimFilter(states, gtin, lot, facilityCode, lineCode, defect, text, assignedTo, who, sort, limit);
    }
}

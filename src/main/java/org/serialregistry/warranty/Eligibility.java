package org.serialregistry.warranty;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What a service centre learns before a repair: is the unit covered today, and how many claims it
 * has had against the policy's limit.
 *
 * @param eligible         covered on the day and under the claim limit
 * @param claims           earlier claims on the unit that count against the limit (all but denied ones)
 * @param claimLimit       claims per unit the policy allows (null without a policy)
 * @param soldOrRegistered a seller recorded the sale or an owner registered the unit; a claim on a
 *                         unit neither sold nor registered goes to review
 * @param explanation      the coverage sentence and the claim count in words, e.g. "This unit has had 3
 *                         claims; the policy allows 3; a fourth is not covered."
 */
public record Eligibility(String gtin, String serial, LocalDate onDate, boolean eligible, int claims,
                          @Nullable Integer claimLimit, boolean soldOrRegistered, String explanation,
                          Coverage coverage) {
}

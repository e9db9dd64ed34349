package org.serialregistry.warranty;

import java.util.List;

/**
 * One claimant (the same e-mail address) claimed for {@code otherSerials.size() + 1} different units
 * within {@code windowDays}: a known fraud pattern (claims on serials read off shop displays or
 * bought codes), and a counterfeit signal.
 */
public record SerialHoppingSuspected(ClaimId claimId, String claimNumber, String gtin, String serial,
                                     String claimantEmail, List<String> otherSerials, int windowDays,
                                     String submittedBy) {
}

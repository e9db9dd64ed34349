package org.serialregistry.warranty;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A claim as queues, pages and the API show it; {@code version} guards concurrent decisions. */
public record ClaimView(ClaimId id, String claimNumber, String serial, String gtin, String lot, String facilityCode,
                        String lineCode, LocalDate productionDate, DefectCode defect, @Nullable String description,
                        LocalDate failureDate, String claimantName, String claimantEmail, String submittedBy,
                        ClaimChannel channel, @Nullable String externalReference, ClaimState state,
                        @Nullable ClaimDecision decision, boolean decidedAutomatically,
                        @Nullable String decisionReasons, @Nullable Long policyId, @Nullable LocalDate coveredUntil,
                        @Nullable String rmaNumber, @Nullable String replacementSerial, @Nullable String assignedTo,
                        Instant submittedAt, @Nullable Instant decidedAt, @Nullable String decidedBy,
                        @Nullable Instant closedAt, long version) {

    /** Age of the claim at {@code now}, for queues. */
    public Duration age(Instant now) {
        return Duration.between(submittedAt, now);
    }
}

package org.serialregistry.warranty;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A claim as queues, pages and the API show it; {@code version} guards concurrent decisions. */
public record ClaimView(long id, String claimNumber, String serial, String gtin, String lot, String facilityCode,
                        String lineCode, LocalDate productionDate, DefectCode defect, @Nullable String description,
                        LocalDate failureDate, String claimantName, String claimantEmail, String submittedBy,
                        ClaimChannel channel, @Nullable String externalReference, ClaimState state,
                        @Nullable ClaimDecision decision, boolean decidedAutomatically,
                        @Nullable String decisionReasons, @Nullable Long policyId, @Nullable LocalDate coveredUntil,
                        @Nullable String rmaNumber, @Nullable String replacementSerial, @Nullable String assignedTo,
                        Instant submittedAt, @Nullable Instant decidedAt, @Nullable String decidedBy,
                        @Nullable Instant closedAt, long version) {

    /** The id as other modules hold it. */
    public ClaimId claimId() {
        return new ClaimId(id);
    }

    public static String number(long id) {
        return "WC-%07d".formatted(id);
    }

    public static String rma(long id) {
        return "RMA-%07d".formatted(id);
    }

    /** Parses "WC-0000012" or "12". */
    public static long idOf(String claimNumber) {
        String t = claimNumber == null ? "" : claimNumber.strip().toUpperCase();
        t = t.startsWith("WC-") ? t.substring(3) : t;
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("claim: '" + claimNumber + "' is not a claim number like WC-0000012");
        }
    }

    /** Age of the claim at {@code now}, for queues. */
    public Duration age(Instant now) {
        return Duration.between(submittedAt, now);
    }
}

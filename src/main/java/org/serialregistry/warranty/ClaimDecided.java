package org.serialregistry.warranty;

/** A claim was decided, automatically or by a person (published after commit). */
public record ClaimDecided(ClaimId claimId, String claimNumber, String gtin, String serial, String lot,
                           DefectCode defect, ClaimDecision decision, boolean automatic) {
}

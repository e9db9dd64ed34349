package org.serialregistry.warranty;

import java.util.List;

/** A claim names a unit and defect that already have an open or settled claim: a fraud signal. */
public record DuplicateClaimSuspected(ClaimId claimId, String gtin, String serial, DefectCode defect,
                                      List<String> earlierClaims, String submittedBy) {
}

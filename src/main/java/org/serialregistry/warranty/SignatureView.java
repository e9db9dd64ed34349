package org.serialregistry.warranty;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An electronic signature on a human decision, bound to the claim's content by {@code contentHash}. */
public record SignatureView(long id, ClaimId claimId, String signer, String printedName, SignatureMeaning meaning,
                            ClaimDecision decision, @Nullable String note, Instant signedAt, String contentHash) {
}

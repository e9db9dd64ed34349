package org.serialregistry.recall;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A stored signature on a campaign decision (START or CLOSE), bound to the content by {@code contentHash}. */
public record CampaignSignature(long id, CampaignId campaignId, String decision, String signer, String printedName,
                                SignatureMeaning meaning, @Nullable String note, Instant signedAt, String contentHash) {
}

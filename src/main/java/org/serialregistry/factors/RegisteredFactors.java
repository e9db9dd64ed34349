package org.serialregistry.factors;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What is registered for one unit, for forensic review: the factors its product carries, its bound NFC
 * tag (UID, highest read counter seen, last tap), whether its scratch-off code was used, and the
 * hologram numbers bound to it or to its lot.
 */
public record RegisteredFactors(ProductFactors product, @Nullable String tagUid, @Nullable Integer lastTagCounter,
                                @Nullable Instant lastTapAt, @Nullable Instant scratchCodeUsedAt,
                                List<String> holograms) {
}

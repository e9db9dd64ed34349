package org.serialregistry.warranty;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A forged, unknown or mismatched serial was presented on a warranty claim or an ownership
 * registration and refused: a counterfeit signal.
 *
 * @param reason  FORGED (fails its cryptographic check), MALFORMED, NOT_ISSUED or MISMATCH (other product)
 * @param context CLAIM or REGISTRATION
 */
public record SuspectSerialPresented(@Nullable String gtin, String serial, String reason, String context,
                                     String presentedBy, Instant at) {
}

package org.serialregistry.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement of a chain's head: "chain {@code chain} had {@code sequence} entries and its
 * newest entry's MAC was {@code headMac} at {@code createdAt}". Kept outside the database, it proves
 * later that no entry up to {@code sequence} was removed or rewritten.
 *
 * @param signature Base64 Ed25519 signature of {@link #signedText()}
 */
public record Checkpoint(String chain, long sequence, String headMac, Instant createdAt, String keyId,
                         String signature) {

    public static final String ALGORITHM = "Ed25519";

    /** Exactly the bytes the signature covers. */
    public String signedText() {
        return "serial-registry-checkpoint/v1\n" + chain + "\n" + sequence + "\n" + headMac + "\n" + createdAt + "\n";
    }

    byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.UTF_8);
    }
}

package org.serialregistry.serial;

import java.util.List;

/**
 * What a third party needs to check a unit's production record offline, with nothing but the
 * manufacturer's public key: {@code leafHash} = SHA-256(0x00 || UTF-8 of {@code recordText});
 * fold the {@code path} (each step: node = SHA-256(0x01 || left || right), the sibling on the side
 * given); the result is {@code merkleRoot}, whose 32 bytes {@code signature} signs (Ed25519, key
 * {@code keyId} published at /.well-known/serial-registry-keys.json).
 *
 * @param recordText "srmr/v1|gtin|serial|lot|batchId|productionDate|expiry|facility|line|market"
 */
public record ManufacturingProof(String algorithm, String keyId, String recordText, Fields record, String leafHash,
                                 List<Step> path, String merkleRoot, String signature, int leafCount) {

    /** The production record's fields, as the leaf covers them. */
    public record Fields(String gtin, String serial, String lot, String batchId, String productionDate,
                         String expiryDate, int facilityNumber, int lineNumber, String intendedMarket) {
    }

    /** A sibling hash (hex) and its side: "L" (sibling is the left input) or "R". */
    public record Step(String side, String hash) {
    }

    /** A published public key: raw 32-byte Ed25519 key in Base64. */
    public record PublicKey(String keyId, String algorithm, String publicKey, String use) {
    }
}

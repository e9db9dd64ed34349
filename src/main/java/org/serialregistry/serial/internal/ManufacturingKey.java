package org.serialregistry.serial.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** The manufacturer's Ed25519 key that signs each batch's Merkle root; no key material in toString(). */
public final class ManufacturingKey {

    private final Ed25519PrivateKeyParameters key;
    private final byte[] publicKey;
    private final String keyId;

    ManufacturingKey(String base64Seed) {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(base64Seed.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("manufacturing key is not valid Base64");
        }
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("manufacturing key must be a 32-byte Ed25519 seed, got " + seed.length);
        }
        this.key = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = key.generatePublicKey().getEncoded();
        try {
            this.keyId = "mfg-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] sign(byte[] data) {
        var signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    /** The raw 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "ManufacturingKey[" + keyId + "]";
    }
}

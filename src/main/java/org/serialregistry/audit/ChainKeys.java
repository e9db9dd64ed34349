package org.serialregistry.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The secrets of the tamper evidence, kept outside the database: versioned HMAC-SHA256 keys that
 * chain the lifecycle log and the audit trail, and the Ed25519 key that signs checkpoints of each
 * chain's head. Someone who can write the database but lacks these keys cannot forge a chain entry
 * or a checkpoint. Immutable and thread-safe; no key material appears in {@link #toString()}.
 */
public final class ChainKeys {

    public static final int MIN_SECRET_BYTES = 32;

    private final Map<Integer, SecretKeySpec> macKeys;
    private final int activeMacVersion;
    private final Ed25519PrivateKeyParameters signingKey;
    private final byte[] publicKey;
    private final String keyId;

    private ChainKeys(Map<Integer, SecretKeySpec> macKeys, int activeMacVersion, Ed25519PrivateKeyParameters signingKey) {
        this.macKeys = macKeys;
        this.activeMacVersion = activeMacVersion;
        this.signingKey = signingKey;
        this.publicKey = signingKey.generatePublicKey().getEncoded();
        this.keyId = keyIdOf(publicKey);
    }

    /**
     * @param macSecrets     version (1..) to Base64 secret of at least 32 bytes
     * @param activeVersion  the version new entries are chained with
     * @param signingSeed    Base64 of the 32-byte Ed25519 private key (seed) that signs checkpoints
     */
    public static ChainKeys fromBase64(Map<Integer, String> macSecrets, int activeVersion, String signingSeed) {
        if (macSecrets == null || macSecrets.isEmpty()) {
            throw new IllegalArgumentException("chain keys need at least one MAC key version");
        }
        var keys = new TreeMap<Integer, SecretKeySpec>();
        macSecrets.forEach((version, base64) -> {
            byte[] secret = decode("chain MAC key version " + version, base64);
            if (version == null || version < 1 || secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("chain MAC key version " + version + " must be 1 or more and have at least "
                        + MIN_SECRET_BYTES + " bytes, got " + secret.length);
            }
            keys.put(version, new SecretKeySpec(secret, "HmacSHA256"));
        });
        if (!keys.containsKey(activeVersion)) {
            throw new IllegalArgumentException("active chain MAC key version " + activeVersion + " is not among " + keys.keySet());
        }
        byte[] seed = decode("checkpoint signing key", signingSeed);
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("checkpoint signing key must be the 32-byte Ed25519 seed, got " + seed.length + " bytes");
        }
        return new ChainKeys(Collections.unmodifiableMap(keys), activeVersion, new Ed25519PrivateKeyParameters(seed, 0));
    }

    private static byte[] decode(String what, String base64) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid Base64");
        }
    }

    public int activeMacVersion() {
        return activeMacVersion;
    }

    public boolean hasMacVersion(int version) {
        return macKeys.containsKey(version);
    }

    /** HMAC-SHA256 of the text under a key version, as 64 hex digits. */
    public String mac(int version, String canonical) {
        var key = macKeys.get(version);
        if (key == null) {
            throw new IllegalArgumentException("unknown chain MAC key version " + version);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ed25519 signature of the data with the checkpoint key. */
    public byte[] sign(byte[] data) {
        var signer = new Ed25519Signer();
        signer.init(true, signingKey);
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    /** Does the signature verify under this registry's checkpoint public key? */
    public boolean verify(byte[] data, byte[] signature) {
        var verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(data, 0, data.length);
        return verifier.verifySignature(signature);
    }

    public byte[] checkpointPublicKey() {
        return publicKey.clone();
    }

    /** First 16 hex digits of the SHA-256 of the public key. */
    public String checkpointKeyId() {
        return keyId;
    }

    public static String keyIdOf(byte[] publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ChainKeys[macVersions=" + macKeys.keySet() + ", active=" + activeMacVersion + ", checkpointKey=" + keyId + "]";
    }
}

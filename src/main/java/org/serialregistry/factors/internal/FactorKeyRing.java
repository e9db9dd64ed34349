package org.serialregistry.factors.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.OwnerOnlyKeyFile;

/**
 * The versioned master secrets of the second factors. From each version's secret (at least 32
 * bytes), HKDF-SHA256 with salt {@code org.serialregistry/factor-key-ring} derives:
 * <ul>
 *   <li>the NTAG 424 DNA SDM meta read key, shared by the tags of that version (the PICC data must be
 *       decrypted before the UID is known): info {@code ntag424/sdm-meta-read/v{n}}, 16 bytes;</li>
 *   <li>each tag's SDM file read key (its CMAC key): info {@code ntag424/sdm-file-read/v{n}/{UID}}, 16 bytes;</li>
 *   <li>each tag's application master key (key 0, for the encoder to lock the tag):
 *       info {@code ntag424/app-master/v{n}/{UID}}, 16 bytes;</li>
 *   <li>the scratch-off HMAC-SHA256 key: info {@code scratch-off/hmac-sha256/v{n}}, 32 bytes.</li>
 * </ul>
 * Versions 0..31; every version still verifies (tags remember theirs), the active one is used for new
 * tags and codes: that is how keys are rotated. Master secrets are wiped after loading; per-tag keys
 * are derived on demand. No key material appears in {@link #toString()}.
 */
public final class FactorKeyRing {

    public static final int MAX_VERSION = 31;
    public static final int MIN_SECRET_BYTES = 32;
    private static final byte[] SALT = "org.serialregistry/factor-key-ring".getBytes(StandardCharsets.US_ASCII);

    // HKDF-extracted pseudo-random keys per version (the master secrets are not kept): per-tag keys are one
    // HKDF-expand away
    private final Map<Integer, byte[]> secrets;
    private final Map<Integer, byte[]> metaReadKeys;
    private final Map<Integer, byte[]> scratchKeys;
    private final int activeVersion;

    private FactorKeyRing(Map<Integer, byte[]> secrets, int activeVersion) {
        this.secrets = secrets;
        this.activeVersion = activeVersion;
        var meta = new TreeMap<Integer, byte[]>();
        var scratch = new TreeMap<Integer, byte[]>();
        secrets.forEach((v, s) -> {
            meta.put(v, expand(s, "ntag424/sdm-meta-read/v" + v, 16));
            scratch.put(v, expand(s, "scratch-off/hmac-sha256/v" + v, 32));
        });
        this.metaReadKeys = Collections.unmodifiableMap(meta);
        this.scratchKeys = Collections.unmodifiableMap(scratch);
    }

    public static FactorKeyRing fromBase64(Map<Integer, String> base64, int activeVersion) {
        if (base64 == null || base64.isEmpty()) {
            throw new IllegalArgumentException("factor key ring needs at least one key version");
        }
        Map<Integer, byte[]> decoded = new TreeMap<>();
        base64.forEach((version, text) -> {
            if (version == null || version < 0 || version > MAX_VERSION) {
                throw new IllegalArgumentException("factor key version must be 0..31, got " + version);
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(text == null ? "" : text.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("factor key version " + version + " is not valid Base64");
            }
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("factor key version " + version + " must have at least "
                        + MIN_SECRET_BYTES + " secret bytes, got " + secret.length);
            }
            // keep only the HKDF extract of the secret
            decoded.put(version, extract(secret));
            Arrays.fill(secret, (byte) 0);
        });
        if (!decoded.containsKey(activeVersion)) {
            throw new IllegalArgumentException("active factor key version " + activeVersion
                    + " is not among the key versions " + decoded.keySet());
        }
        return new FactorKeyRing(Collections.unmodifiableMap(decoded), activeVersion);
    }

    /**
     * Loads the demo key file ({@code version.N=<Base64>} and {@code active=N}), creating it owner-only
     * with one random version when missing; refuses a file that group or others may access.
     */
    public static FactorKeyRing loadOrCreateDemoKeyFile(Path file) {
        Path absolute = file.toAbsolutePath();
        var properties = OwnerOnlyKeyFile.loadOrCreate(absolute, "factor key file", FactorKeyRing::freshDemoFile);
        try {
            var versions = OwnerOnlyKeyFile.versions(properties, "factor key file " + absolute);
            return fromBase64(versions.secrets(), versions.active());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("factor key file " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static String freshDemoFile() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        String content = "# Serial registry demo second-factor keys (NFC tags, scratch-off codes). Keep secret.\n"
                + "version.1=" + Base64.getEncoder().encodeToString(secret) + "\nactive=1\n";
        Arrays.fill(secret, (byte) 0);
        return content;
    }

    public int activeVersion() {
        return activeVersion;
    }

    public SortedSet<Integer> versions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(secrets.keySet()));
    }

    /** The SDM meta read key of a version (a copy), or null when the ring lacks the version. */
    byte @Nullable [] metaReadKey(int version) {
        byte[] key = metaReadKeys.get(version);
        return key == null ? null : key.clone();
    }

    /** The tag's SDM file read (CMAC) key, or null when the ring lacks the version. */
    byte @Nullable [] fileReadKey(int version, String uid) {
        byte[] prk = secrets.get(version);
        return prk == null ? null : expand(prk, "ntag424/sdm-file-read/v" + version + "/" + uid, 16);
    }

    /** The tag's application master key (key 0), or null when the ring lacks the version. */
    byte @Nullable [] appMasterKey(int version, String uid) {
        byte[] prk = secrets.get(version);
        return prk == null ? null : expand(prk, "ntag424/app-master/v" + version + "/" + uid, 16);
    }

    byte @Nullable [] scratchKey(int version) {
        byte[] key = scratchKeys.get(version);
        return key == null ? null : key.clone();
    }

    private static byte[] extract(byte[] secret) {
        var digest = new org.bouncycastle.crypto.macs.HMac(new SHA256Digest());
        digest.init(new org.bouncycastle.crypto.params.KeyParameter(SALT));
        digest.update(secret, 0, secret.length);
        byte[] prk = new byte[32];
        digest.doFinal(prk, 0);
        return prk;
    }

    private static byte[] expand(byte[] prk, String info, int length) {
        var generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(HKDFParameters.skipExtractParameters(prk, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] key = new byte[length];
        generator.generateBytes(key, 0, length);
        return key;
    }

    @Override
    public String toString() {
        return "FactorKeyRing[versions=" + secrets.keySet() + ", active=" + activeVersion + "]";
    }
}

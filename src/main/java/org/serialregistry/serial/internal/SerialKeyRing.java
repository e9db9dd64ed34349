package org.serialregistry.serial.internal;

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

import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.serialregistry.shared.OwnerOnlyKeyFile;

/**
 * The versioned secrets from which serials are made and checked.
 *
 * <p>Each version (0..31, the first character of every serial) has a master secret of at
 * least 32 bytes. From it, HKDF-SHA256 derives two independent keys: an AES-256 key for the FF1
 * encryption of the payload and an HMAC-SHA256 key for the tag. New serials use the active
 * version; every version in the ring still verifies, which is how keys are rotated. The master
 * secrets are not kept after derivation, and no key material appears in {@link #toString()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SerialKeyRing {

    public static final int MAX_VERSION = 31;
    public static final int MIN_SECRET_BYTES = 32;

    private static final byte[] HKDF_SALT = "org.serialregistry/serial-key-ring".getBytes(StandardCharsets.US_ASCII);

    /** Keys derived for one version; package-private so that only the codec sees them. */
    record VersionKeys(int version, SecretKeySpec ff1Key, SecretKeySpec tagKey) {
        @Override
        public String toString() {
            return "VersionKeys[version=" + version + "]";
        }
    }

    private final Map<Integer, VersionKeys> keys;
    private final int activeVersion;

    private SerialKeyRing(Map<Integer, VersionKeys> keys, int activeVersion) {
        this.keys = keys;
        this.activeVersion = activeVersion;
    }

    /**
     * Builds a ring from master secrets.
     *
     * @param secrets       version (0..31) to master secret of at least 32 bytes; not retained
     * @param activeVersion the version that issues new serials; must be among {@code secrets}
     * @throws IllegalArgumentException if a version, a secret or the active version is invalid
     */
    public static SerialKeyRing fromSecrets(Map<Integer, byte[]> secrets, int activeVersion) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("serial key ring needs at least one key version");
        }
        Map<Integer, VersionKeys> derived = new TreeMap<>();
        secrets.forEach((version, secret) -> {
            if (version == null || version < 0 || version > MAX_VERSION) {
                throw new IllegalArgumentException("serial key version must be 0..31, got " + version);
            }
            if (secret == null || secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("serial key version " + version + " must have at least "
                        + MIN_SECRET_BYTES + " secret bytes, got " + (secret == null ? 0 : secret.length));
            }
            derived.put(version, derive(version, secret));
        });
        if (!derived.containsKey(activeVersion)) {
            throw new IllegalArgumentException("active serial key version " + activeVersion
                    + " is not among the key versions " + derived.keySet());
        }
        return new SerialKeyRing(Collections.unmodifiableMap(derived), activeVersion);
    }

    /**
     * Builds a ring from Base64-encoded master secrets, as they come from configuration.
     *
     * @see #fromSecrets(Map, int)
     * @throws IllegalArgumentException if a secret is not Base64 or otherwise invalid
     */
    public static SerialKeyRing fromBase64(Map<Integer, String> secrets, int activeVersion) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("serial key ring needs at least one key version");
        }
        Map<Integer, byte[]> decoded = new HashMap<>();
        try {
            secrets.forEach((version, base64) -> {
                try {
                    decoded.put(version, Base64.getDecoder().decode(base64 == null ? "" : base64.strip()));
                } catch (IllegalArgumentException e) {
                    // The decoder's message may quote the offending character of the secret.
                    throw new IllegalArgumentException("serial key version " + version + " is not valid Base64");
                }
            });
            return fromSecrets(decoded, activeVersion);
        } finally {
            decoded.values().forEach(secret -> Arrays.fill(secret, (byte) 0));
        }
    }

    /**
     * Loads the demo key file, creating it with one fresh random version if it does not exist.
     *
     * <p>The file is a properties file: {@code version.N=<Base64 secret>} lines and
     * {@code active=N}. It is created readable and writable by its owner only, with the
     * permissions set atomically at creation. Like ssh with a private key, loading refuses a
     * file that grants any permission to group or others. Meant for demos and development; a
     * production deployment passes its secrets through {@link #fromBase64(Map, int)}.
     *
     * @throws IllegalStateException if the file cannot be created or read, grants access to
     *                               group or others, lies on a file system without POSIX
     *                               permissions, or holds invalid keys
     */
    public static SerialKeyRing loadOrCreateDemoKeyFile(Path file) {
        Path absolute = file.toAbsolutePath();
        var properties = OwnerOnlyKeyFile.loadOrCreate(absolute, "serial key file", SerialKeyRing::freshDemoFile);
        try {
            var versions = OwnerOnlyKeyFile.versions(properties, "serial key file " + absolute);
            return fromBase64(versions.secrets(), versions.active());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("serial key file " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static String freshDemoFile() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        String content = "# Serial registry demo keys. Keep secret: these keys make serials genuine.\n"
                + "version.1=" + Base64.getEncoder().encodeToString(secret) + "\nactive=1\n";
        Arrays.fill(secret, (byte) 0);
        return content;
    }

    private static VersionKeys derive(int version, byte[] secret) {
        return new VersionKeys(version,
                new SecretKeySpec(hkdf(secret, "serial/ff1-aes256/v" + version), "AES"),
                new SecretKeySpec(hkdf(secret, "serial/tag-hmac-sha256/v" + version), "HmacSHA256"));
    }

    private static byte[] hkdf(byte[] secret, String info) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(secret, HKDF_SALT, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] key = new byte[32];
        generator.generateBytes(key, 0, key.length);
        return key;
    }

    /** The version that new serials are issued with. */
    public int activeVersion() {
        return activeVersion;
    }

    /** All versions whose serials verify, in ascending order. */
    public SortedSet<Integer> versions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(keys.keySet()));
    }

    public boolean hasVersion(int version) {
        return keys.containsKey(version);
    }

    /** Returns the derived keys of a version, or {@code null} if the ring lacks it. */
    VersionKeys keys(int version) {
        return keys.get(version);
    }

    @Override
    public String toString() {
        return "SerialKeyRing[versions=" + keys.keySet() + ", active=" + activeVersion + "]";
    }
}

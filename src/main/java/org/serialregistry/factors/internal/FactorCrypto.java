package org.serialregistry.factors.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The cryptography of the second factors over the {@link FactorKeyRing}: reading an NTAG 424 DNA SUN
 * tap, the keys a tag is encoded with, and scratch-off codes.
 *
 * <p>Scratch-off codes are HMAC-SHA256(scratch key of version v, GTIN "/" serial), the version as the
 * first character and 10 more characters of the HMAC in a 32-letter alphabet without I, L, O and U
 * (50 bits): {@code VXXX-XXXX-XXX}. Deterministic, so the label printer's export can print them at
 * any time; the registry never stores them, only when each was first used.
 */
@Component
public class FactorCrypto {

    private static final Logger log = LoggerFactory.getLogger(FactorCrypto.class);
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** A tap whose PICC data decrypted: the UID and counter it claims, and the key version that decrypted it. */
    public record Tap(String uid, int counter, int keyVersion) {
    }

    /** The keys and URL an encoder writes onto one tag (hex, upper case). */
    public record TagKeys(int keyVersion, String appMasterKey, String sdmMetaReadKey, String sdmFileReadKey) {
        @Override
        public String toString() {
            return "TagKeys[version=" + keyVersion + "]";
        }
    }

    private final @Nullable FactorKeyRing configured;

    @org.springframework.beans.factory.annotation.Autowired
    FactorCrypto(FactorKeyProperties properties, @Value("${serial-registry.demo.enabled:false}") boolean demo) {
        this(ring(properties, demo));
    }

    public FactorCrypto(@Nullable FactorKeyRing ring) {
        this.configured = ring;
    }

    private FactorKeyRing ring() {
        if (configured == null) {
            throw new IllegalStateException("second factors: no keys are configured (SERIAL_REGISTRY_FACTORS_KEYS_VERSIONS_1)");
        }
        return configured;
    }

    /** Whether keys are configured; without them, no tap checks and no scratch-off codes. */
    public boolean configured() {
        return configured != null;
    }

    private static @Nullable FactorKeyRing ring(FactorKeyProperties properties, boolean demo) {
        if (properties.versions() != null && !properties.versions().isEmpty()) {
            int active = properties.active() != null ? properties.active()
                    : properties.versions().keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            var ring = FactorKeyRing.fromBase64(properties.versions(), active);
            log.info("Second-factor keys from configuration: {}", ring);
            return ring;
        }
        if (demo) {
            Path file = Path.of(properties.demoFile() != null ? properties.demoFile() : "data/factor-keys.properties");
            var ring = FactorKeyRing.loadOrCreateDemoKeyFile(file);
            log.warn("Demo mode: second-factor keys from {} ({}). Production takes keys from "
                    + "SERIAL_REGISTRY_FACTORS_KEYS_VERSIONS_n.", file.toAbsolutePath(), ring);
            return ring;
        }
        log.warn("No second-factor keys configured: NFC tags and scratch-off codes cannot be used. Set "
                + "SERIAL_REGISTRY_FACTORS_KEYS_VERSIONS_1 to a base64 secret of at least 32 bytes "
                + "(e.g. 'openssl rand -base64 32') and SERIAL_REGISTRY_FACTORS_KEYS_ACTIVE=1.");
        return null;
    }

    public int activeVersion() {
        return ring().activeVersion();
    }

    /**
     * Decrypts the PICC data with each key version's meta read key, newest first.
     *
     * @return the decrypted tap, or null when no version decrypts it to PICC data (wrong key or made up)
     */
    public @Nullable Tap decrypt(String piccData) {
        if (configured == null) {
            return null;
        }
        for (int version : configured.versions().reversed()) {
            byte[] key = configured.metaReadKey(version);
            try {
                var picc = Ntag424Sun.decryptPiccData(key, piccData);
                if (picc != null) {
                    return new Tap(picc.uid(), picc.readCounter(), version);
                }
            } finally {
                Ntag424Sun.wipe(key);
            }
        }
        return null;
    }

    /** Whether {@code cmac} is this tag's SUN MAC for the read (the key version the tag was bound with). */
    public boolean macMatches(int keyVersion, String uid, int counter, String cmac) {
        byte[] key = ring().fileReadKey(keyVersion, uid);
        if (key == null) {
            return false;
        }
        try {
            return Ntag424Sun.macMatches(key, uid, counter, cmac);
        } finally {
            Ntag424Sun.wipe(key);
        }
    }

    public @Nullable TagKeys tagKeys(int keyVersion, String uid) {
        byte[] app = ring().appMasterKey(keyVersion, uid);
        byte[] meta = ring().metaReadKey(keyVersion);
        byte[] file = ring().fileReadKey(keyVersion, uid);
        if (app == null || meta == null || file == null) {
            return null;
        }
        return new TagKeys(keyVersion, HEX.formatHex(app), HEX.formatHex(meta), HEX.formatHex(file));
    }

    /** What the tag would mirror for this read, as {@code picc_data} and {@code cmac}: for the demo and tests. */
    public String[] simulateTap(int keyVersion, String uid, int counter) {
        byte[] meta = ring().metaReadKey(keyVersion);
        byte[] file = ring().fileReadKey(keyVersion, uid);
        return new String[] {Ntag424Sun.encryptPiccData(meta, uid, counter, new byte[] {0x5A, 0x3C, 0x11, 0x7E, 0x42}),
                Ntag424Sun.sdmMac(file, uid, counter, new byte[0])};
    }

    /** The scratch-off code of a unit with the active key version, formatted {@code VXXX-XXXX-XXX}. */
    public String scratchCode(String gtin, String serial) {
        String code = scratchCode(ring().activeVersion(), gtin, serial);
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }

    /** Whether a typed code is this unit's scratch-off code (any key version; dashes, spaces and case ignored). */
    public boolean scratchMatches(String gtin, String serial, String typed) {
        String code = normalise(typed);
        if (code.length() != 11) {
            return false;
        }
        int version = ALPHABET.indexOf(code.charAt(0));
        if (version < 0 || !ring().versions().contains(version)) {
            return false;
        }
        return MessageDigest.isEqual(scratchCode(version, gtin, serial).getBytes(StandardCharsets.US_ASCII),
                code.getBytes(StandardCharsets.US_ASCII));
    }

    static String normalise(String typed) {
        var sb = new StringBuilder(16);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            sb.append(switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            });
            if (sb.length() > 16) {
                break;
            }
        }
        return sb.toString();
    }

    private String scratchCode(int version, String gtin, String serial) {
        byte[] key = ring().scratchKey(version);
        var hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        Ntag424Sun.wipe(key);
        byte[] message = (gtin + "/" + serial).getBytes(StandardCharsets.US_ASCII);
        hmac.update(message, 0, message.length);
        byte[] mac = new byte[32];
        hmac.doFinal(mac, 0);
        var code = new StringBuilder(11).append(ALPHABET.charAt(version));
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = bits << 8 | (mac[i] & 0xFF);
        }
        for (int i = 0; i < 10; i++) {
            code.append(ALPHABET.charAt((int) (bits >>> (51 - 5 * i) & 31)));
        }
        return code.toString();
    }
}

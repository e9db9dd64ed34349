package org.serialregistry.factors.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.jspecify.annotations.Nullable;

/**
 * The server side of NXP NTAG 424 DNA "Secure Unique NFC" (SUN) messages with AES keys, as NXP's
 * application note AN12196 describes them:
 * <ul>
 *   <li>PICCData = AES-128-CBC-decrypt(K_SDMMetaRead, IV = 0, picc_data): the tag byte 0xC7 (UID and
 *       read counter mirrored, UID length 7), the 7-byte UID, the 3-byte SDMReadCtr (least significant
 *       byte first), then padding;</li>
 *   <li>SV2 = 3C C3 00 01 00 80 || UID || SDMReadCtr; the session MAC key is
 *       AES-CMAC(K_SDMFileRead, SV2);</li>
 *   <li>the SDMMAC is AES-CMAC(session key, MAC input) truncated to its 8 odd-indexed bytes
 *       (bytes 1, 3, ..., 15). With SDMMACInputOffset = SDMMACOffset, the MAC input is empty.</li>
 * </ul>
 * Stateless and thread-safe; each call makes its own cipher objects.
 */
public final class Ntag424Sun {

    /** PICCDataTag: UID mirrored, SDMReadCtr mirrored, UID length 7 (AN12196, PICCData). */
    static final int PICC_DATA_TAG = 0xC7;
    private static final byte[] SV2_PREFIX = {0x3C, (byte) 0xC3, 0x00, 0x01, 0x00, (byte) 0x80};
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Ntag424Sun() {
    }

    /** What the tag's encrypted PICC data says. */
    public record PiccData(String uid, int readCounter) {
    }

    /**
     * Decrypts {@code piccData} (32 hex digits) with the SDM meta read key.
     *
     * @return the UID and counter, or null when the data is not 16 bytes of hex or does not decrypt
     *         to a PICC data block with tag 0xC7 (a wrong key or a made-up link)
     */
    public static @Nullable PiccData decryptPiccData(byte[] metaReadKey, String piccData) {
        byte[] encrypted = hex(piccData, 16);
        if (encrypted == null) {
            return null;
        }
        var cbc = CBCBlockCipher.newInstance(AESEngine.newInstance());
        cbc.init(false, new ParametersWithIV(new KeyParameter(metaReadKey), new byte[16]));
        byte[] plain = new byte[16];
        cbc.processBlock(encrypted, 0, plain, 0);
        if ((plain[0] & 0xFF) != PICC_DATA_TAG) {
            return null;
        }
        int counter = (plain[8] & 0xFF) | (plain[9] & 0xFF) << 8 | (plain[10] & 0xFF) << 16;
        return new PiccData(HEX.formatHex(plain, 1, 8), counter);
    }

    /** AES-CMAC(K_SDMFileRead, SV2): the session key that MACs this read (AN12196, SDM session keys). */
    public static byte[] sessionMacKey(byte[] fileReadKey, String uid, int readCounter) {
        byte[] uidBytes = HEX.parseHex(uid);
        byte[] sv2 = new byte[16];
        System.arraycopy(SV2_PREFIX, 0, sv2, 0, 6);
        System.arraycopy(uidBytes, 0, sv2, 6, 7);
        sv2[13] = (byte) readCounter;
        sv2[14] = (byte) (readCounter >>> 8);
        sv2[15] = (byte) (readCounter >>> 16);
        return cmac(fileReadKey, sv2);
    }

    /** The 8-byte SDMMAC of a read over {@code macInput} (empty when nothing else is mirrored), as hex. */
    public static String sdmMac(byte[] fileReadKey, String uid, int readCounter, byte[] macInput) {
        byte[] full = cmac(sessionMacKey(fileReadKey, uid, readCounter), macInput);
        byte[] truncated = new byte[8];
        for (int i = 0; i < 8; i++) {
            truncated[i] = full[2 * i + 1];
        }
        return HEX.formatHex(truncated);
    }

    /** Whether {@code cmac} (16 hex digits, any case) is the tag's MAC of this read; constant time. */
    public static boolean macMatches(byte[] fileReadKey, String uid, int readCounter, String cmac) {
        byte[] given = hex(cmac, 8);
        if (given == null) {
            return false;
        }
        byte[] expected = HEX.parseHex(sdmMac(fileReadKey, uid, readCounter, new byte[0]));
        return MessageDigest.isEqual(expected, given);
    }

    /**
     * The encrypted PICC data a tag would mirror for this UID and counter (the inverse of
     * {@link #decryptPiccData}); for tests, the demo and the benchmark. {@code padding} fills bytes
     * 11..15, which the tag makes random.
     */
    public static String encryptPiccData(byte[] metaReadKey, String uid, int readCounter, byte[] padding) {
        byte[] plain = new byte[16];
        plain[0] = (byte) PICC_DATA_TAG;
        System.arraycopy(HEX.parseHex(uid), 0, plain, 1, 7);
        plain[8] = (byte) readCounter;
        plain[9] = (byte) (readCounter >>> 8);
        plain[10] = (byte) (readCounter >>> 16);
        System.arraycopy(padding, 0, plain, 11, Math.min(5, padding.length));
        var cbc = CBCBlockCipher.newInstance(AESEngine.newInstance());
        cbc.init(true, new ParametersWithIV(new KeyParameter(metaReadKey), new byte[16]));
        byte[] out = new byte[16];
        cbc.processBlock(plain, 0, out, 0);
        return HEX.formatHex(out);
    }

    static byte[] cmac(byte[] key, byte[] message) {
        var mac = new CMac(AESEngine.newInstance());
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] out = new byte[16];
        mac.doFinal(out, 0);
        return out;
    }

    /** Hex of exactly {@code bytes} bytes, or null. */
    static byte @Nullable [] hex(@Nullable String text, int bytes) {
        if (text == null || text.length() != 2 * bytes) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isUid(@Nullable String uid) {
        return uid != null && hex(uid, 7) != null;
    }

    static void wipe(byte[] key) {
        Arrays.fill(key, (byte) 0);
    }
}

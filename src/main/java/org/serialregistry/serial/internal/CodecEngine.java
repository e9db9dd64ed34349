package org.serialregistry.serial.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

import org.serialregistry.shared.Gtin;

/**
 * The cipher and MAC of one key version, with their buffers. JCE objects are not thread-safe
 * and costly to create, so {@link SerialCodec} keeps one engine per thread and version.
 */
final class CodecEngine {

    private static final int TAG_BYTES = 5;

    private final char versionChar;
    private final Ff1Radix32 ff1;
    private final Mac mac;
    private final byte[] tweak = new byte[Ff1Radix32.TWEAK_BYTES];
    /** Version char, 14 GTIN digits, 11 encrypted chars: fixed length, so no delimiters needed. */
    private final byte[] tagInput = new byte[1 + Gtin.LENGTH + Ff1Radix32.NUMERALS];
    private final byte[] macOutput = new byte[32];
    private String gtin;

    CodecEngine(SerialKeyRing.VersionKeys keys) {
        versionChar = SerialCodec.ALPHABET.charAt(keys.version());
        ff1 = new Ff1Radix32(keys.ff1Key());
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.tagKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JDK", e);
        }
        tweak[Gtin.LENGTH] = (byte) keys.version();
        tagInput[0] = (byte) versionChar;
    }

    /** Binds the following operations to a GTIN: it is the FF1 tweak and part of the tag. */
    void useGtin(Gtin gtin) {
        String digits = gtin.value();
        if (!digits.equals(this.gtin)) {
            for (int i = 0; i < Gtin.LENGTH; i++) {
                tweak[i] = (byte) digits.charAt(i);
                tagInput[1 + i] = (byte) digits.charAt(i);
            }
            ff1.tweak(tweak);
            this.gtin = digits;
        }
    }

    String issue(long payload) {
        long encrypted = ff1.encrypt(payload);
        char[] serial = new char[SerialCodec.LENGTH];
        serial[0] = versionChar;
        for (int i = 0; i < Ff1Radix32.NUMERALS; i++) {
            serial[1 + i] = SerialCodec.ALPHABET.charAt((int) (encrypted >>> (5 * (Ff1Radix32.NUMERALS - 1 - i))) & 31);
        }
        computeMac(serial);
        long tag = 0;
        for (int i = 0; i < TAG_BYTES; i++) {
            tag = (tag << 8) | (macOutput[i] & 0xff);
        }
        for (int i = 0; i < 8; i++) {
            serial[12 + i] = SerialCodec.ALPHABET.charAt((int) (tag >>> (5 * (7 - i))) & 31);
        }
        return new String(serial);
    }

    /** Compares in constant time, so response timing does not reveal how much of a tag is right. */
    boolean tagMatches(char[] serial, byte[] numerals) {
        computeMac(serial);
        long tag = 0;
        for (int i = 12; i < SerialCodec.LENGTH; i++) {
            tag = (tag << 5) | numerals[i];
        }
        byte[] given = new byte[TAG_BYTES];
        byte[] expected = new byte[TAG_BYTES];
        for (int i = 0; i < TAG_BYTES; i++) {
            given[i] = (byte) (tag >>> (8 * (TAG_BYTES - 1 - i)));
            expected[i] = macOutput[i];
        }
        return MessageDigest.isEqual(given, expected);
    }

    long decrypt(long encrypted) {
        return ff1.decrypt(encrypted);
    }

    private void computeMac(char[] serial) {
        for (int i = 0; i < Ff1Radix32.NUMERALS; i++) {
            tagInput[1 + Gtin.LENGTH + i] = (byte) serial[1 + i];
        }
        mac.update(tagInput);
        try {
            mac.doFinal(macOutput, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}

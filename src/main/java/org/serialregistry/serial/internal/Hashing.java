package org.serialregistry.serial.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers for the lifecycle log's hash chain. */
final class Hashing {

    static final String GENESIS = "0".repeat(64);

    private Hashing() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Digest of an ordered list of serials: what an event's EPC list hashes to. */
    static final class SerialListDigest {
        private final MessageDigest digest = sha256();
        private int count;

        void add(String serial) {
            if (count++ > 0) {
                digest.update((byte) ',');
            }
            digest.update(serial.getBytes(StandardCharsets.US_ASCII));
        }

        int count() {
            return count;
        }

        String hex() {
            return Hashing.hex(digest);
        }
    }
}

package org.serialregistry.serial.internal;

import java.util.HexFormat;

/** SHA-256 as hex, for request fingerprints. */
public final class Digests {

    private Digests() {
    }

    public static String sha256(byte[] data) {
        return HexFormat.of().formatHex(Hashing.sha256().digest(data));
    }
}

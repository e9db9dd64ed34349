package org.serialregistry.serial.internal;

import java.util.Map;

/** Fixed secrets, so that statistical checks are deterministic and never flaky. */
final class TestKeys {

    private TestKeys() {
    }

    static byte[] secret(int seed) {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (seed * 31 + i * 7);
        }
        return secret;
    }

    static SerialKeyRing version1Only() {
        return SerialKeyRing.fromSecrets(Map.of(1, secret(1)), 1);
    }

    static SerialKeyRing versions1And2(int active) {
        return SerialKeyRing.fromSecrets(Map.of(1, secret(1), 2, secret(2)), active);
    }
}

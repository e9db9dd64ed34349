package org.serialregistry.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** Our specialised FF1 must be FF1: BouncyCastle's general engine is the reference. */
class Ff1Radix32Test {

    private static final long PAYLOAD_MASK = (1L << 55) - 1;

    @Test
    void encryptsExactlyAsBouncyCastlesFf1EngineAndDecryptsBack() {
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k < 20; k++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            Ff1Radix32 ours = new Ff1Radix32(new SecretKeySpec(key, "AES"));
            for (int t = 0; t < 10; t++) {
                byte[] tweak = new byte[Ff1Radix32.TWEAK_BYTES];
                random.nextBytes(tweak);
                ours.tweak(tweak);
                FPEFF1Engine reference = new FPEFF1Engine();
                reference.init(true, new FPEParameters(new KeyParameter(key), 32, tweak));
                for (int i = 0; i < 50; i++) {
                    long plaintext = random.nextLong() & PAYLOAD_MASK;
                    byte[] numerals = toNumerals(plaintext);
                    byte[] expected = new byte[Ff1Radix32.NUMERALS];
                    reference.processBlock(numerals, 0, numerals.length, expected, 0);

                    long ciphertext = ours.encrypt(plaintext);

                    assertThat(toNumerals(ciphertext)).isEqualTo(expected);
                    assertThat(ours.decrypt(ciphertext)).isEqualTo(plaintext);
                }
            }
        }
    }

    @Test
    void extremePayloadsRoundTrip() {
        Ff1Radix32 ff1 = new Ff1Radix32(new SecretKeySpec(TestKeys.secret(9), "AES"));
        ff1.tweak(new byte[Ff1Radix32.TWEAK_BYTES]);
        for (long plaintext : new long[] {0, 1, PAYLOAD_MASK, PAYLOAD_MASK - 1, 1L << 54}) {
            long ciphertext = ff1.encrypt(plaintext);
            assertThat(ciphertext).isBetween(0L, PAYLOAD_MASK);
            assertThat(ff1.decrypt(ciphertext)).isEqualTo(plaintext);
        }
    }

    private static byte[] toNumerals(long value) {
        byte[] numerals = new byte[Ff1Radix32.NUMERALS];
        for (int i = 0; i < numerals.length; i++) {
            numerals[i] = (byte) ((value >>> (5 * (numerals.length - 1 - i))) & 31);
        }
        return numerals;
    }
}

package org.serialregistry.factors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.factors.internal.FactorCrypto;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.verification.PublicVerdict;
import org.serialregistry.verification.Verifications;
import org.serialregistry.warranty.WarrantyTestUnits;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the NTAG 424 DNA SUN check costs next to the verification of the printed code, in the same run,
 * one thread, in process (no HTTP): (1) the verification of a genuine code of a product without second
 * factors, as the public route runs it ({@link Verifications#verify}); (2) the SUN check alone: decrypt the
 * PICC data, derive the session key, check the CMAC (AES with BouncyCastle); (3) a whole tap: the code's
 * verification plus the SUN check plus the tag read and the conditional counter update (H2 in memory).
 * A benchmark, not a test: surefire skips it unless named.
 * <pre>
 * ./mvnw -q test -Dtest=SecondFactorBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.iterations=20000
 * </pre>
 */
@IntegrationTest
class SecondFactorBenchmark {

    @Autowired
    MasterData masterData;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    SecondFactors factors;
    @Autowired
    NfcTags tags;
    @Autowired
    FactorCrypto crypto;
    @Autowired
    Verifications verifications;

    @Test
    void theSunCheckCostsLessThanTheVerificationItself() {
        int iterations = Integer.getInteger("bench.iterations", 20_000);
        var plain = FactorTestUnits.create(masterData, issuance, factors, EnumSet.noneOf(SecondFactor.class), 1);
        var tagged = FactorTestUnits.create(masterData, issuance, factors, EnumSet.of(SecondFactor.NFC), 1);
        String uid = "04BE7C" + String.format("%08X", (int) (System.nanoTime() & 0x7FFFFFFF));
        WarrantyTestUnits.as("production", () -> tags.bind(uid, tagged.serials().getFirst().value()), "PRODUCTION");
        String gtin = plain.gtin().value();
        String serial = plain.serials().getFirst().value();
        // taps with rising counters, made up front so that making them is not measured
        int taps = 2 * iterations + 2;
        String[][] sun = new String[taps][];
        for (int i = 0; i < taps; i++) {
            sun[i] = crypto.simulateTap(crypto.activeVersion(), uid, i + 1);
        }

        long sink = 0;
        for (int round = 0; round < 2; round++) { // round 0 warms up
            long t0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                sink += verifications.verify(gtin, plain.lot(), serial, null).answer().verdict().ordinal();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                String[] s = sun[i];
                var tap = crypto.decrypt(s[0]);
                sink += tap != null && crypto.macMatches(tap.keyVersion(), tap.uid(), tap.counter(), s[1]) ? 1 : 0;
            }
            long t2 = System.nanoTime();
            int offset = round * iterations;
            for (int i = 0; i < iterations; i++) {
                String[] s = sun[offset + i];
                var answer = verifications.verify(tagged.gtin().value(), tagged.lot(), tagged.serials().getFirst().value(),
                        null, new FactorReadings(s[0], s[1], null, null)).answer();
                assertThat(answer.verdict()).isEqualTo(PublicVerdict.GENUINE);
            }
            long t3 = System.nanoTime();
            if (round == 1) {
                double verify = (t1 - t0) / 1e3 / iterations;
                double sunCheck = (t2 - t1) / 1e3 / iterations;
                double wholeTap = (t3 - t2) / 1e3 / iterations;
                System.out.printf(Locale.ROOT, "%nSecond-factor benchmark: %,d iterations, one thread, %d cores, %s %s%n",
                        iterations, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                        System.getProperty("java.version"));
                System.out.printf(Locale.ROOT, "verify a genuine code (no factors):      %8.2f us/op%n", verify);
                System.out.printf(Locale.ROOT, "SUN check (decrypt + session key + CMAC): %8.2f us/op  ratio to verify %.2f%n",
                        sunCheck, sunCheck / verify);
                System.out.printf(Locale.ROOT, "whole tap (verify + SUN + counter update): %8.2f us/op  ratio to verify %.2f%n",
                        wholeTap, wholeTap / verify);
            }
        }
        assertThat(sink).isPositive();
    }
}

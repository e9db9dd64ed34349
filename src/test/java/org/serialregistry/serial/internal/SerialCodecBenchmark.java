package org.serialregistry.serial.internal;

import java.time.LocalDate;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.serialregistry.shared.Gtin;

/**
 * Single-thread throughput of serial issue and check, with the baselines that explain the
 * design. Run: {@code java -cp <test classpath> org.serialregistry.serial.internal.SerialCodecBenchmark}.
 * Figures vary 20-40 % between runs; compare rows of the same run.
 */
public final class SerialCodecBenchmark {

    private static final Gtin GTIN = new Gtin("09506000134352");
    private static final LocalDate DAY = LocalDate.of(2025, 3, 14);
    private static final int SERIALS = 1 << 16;
    private static long sink;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        SerialKeyRing ring = TestKeys.versions1And2(2);
        SerialCodec codec = new SerialCodec(ring);
        SerialCodec perCall = new SerialCodec(ring, true);
        String[] serials = new String[SERIALS];
        for (int i = 0; i < SERIALS; i++) {
            serials[i] = codec.issue(GTIN, new SerialFields(7, 3, DAY, i));
        }
        byte[] aesKey = ring.keys(2).ff1Key().getEncoded();
        byte[] tweak = "095060001343522".getBytes();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ring.keys(2).tagKey().getEncoded(), "HmacSHA256"));

        for (int round = 0; round < 2; round++) {
            boolean report = round == 1;
            run(report, "issue (per-thread engines)", seconds,
                    i -> codec.issue(GTIN, new SerialFields(7, 3, DAY, i & SerialFields.MAX_SEQUENCE)).hashCode());
            run(report, "check (per-thread engines)", seconds,
                    i -> codec.check(GTIN, serials[(int) i & (SERIALS - 1)]).hashCode());
            run(report, "check of a forged serial", seconds,
                    i -> codec.check(GTIN, "2" + serials[(int) i & (SERIALS - 1)].substring(1, 19) + "0").hashCode());
            runBulk(report, "issueRange, 100k a call", seconds, codec);
            run(report, "issue (engines created per call)", seconds,
                    i -> perCall.issue(GTIN, new SerialFields(7, 3, DAY, i & SerialFields.MAX_SEQUENCE)).hashCode());
            run(report, "check (engines created per call)", seconds,
                    i -> perCall.check(GTIN, serials[(int) i & (SERIALS - 1)]).hashCode());
            run(report, "baseline: BouncyCastle FPEFF1Engine, FF1 only", seconds, i -> {
                FPEFF1Engine engine = new FPEFF1Engine();
                engine.init(true, new FPEParameters(new KeyParameter(aesKey), 32, tweak));
                byte[] numerals = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) (i & 31)};
                byte[] out = new byte[11];
                engine.processBlock(numerals, 0, 11, out, 0);
                return out[0];
            });
            byte[] input = new byte[26];
            run(report, "baseline: HMAC-SHA256 + base32, no FF1", seconds, i -> {
                input[0] = (byte) i;
                input[1] = (byte) (i >>> 8);
                byte[] tag = mac.doFinal(input);
                char[] text = new char[20];
                for (int c = 0; c < 20; c++) {
                    text[c] = SerialCodec.ALPHABET.charAt(tag[c] & 31);
                }
                return new String(text).hashCode();
            });
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void run(boolean report, String name, double seconds, LongUnaryOperator operation) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long count = 0;
        long start = System.nanoTime();
        long now;
        do {
            for (int i = 0; i < 1_000; i++) {
                sink += operation.applyAsLong(count++);
            }
            now = System.nanoTime();
        } while (now < deadline);
        print(report, name, count, now - start);
    }

    private static void runBulk(boolean report, String name, double seconds, SerialCodec codec) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long count = 0;
        long start = System.nanoTime();
        long now;
        int day = 0;
        do {
            codec.issueRange(GTIN, 7, 4, DAY.plusDays(day++), 0, 100_000, serial -> sink += serial.hashCode());
            count += 100_000;
            now = System.nanoTime();
        } while (now < deadline);
        print(report, name, count, now - start);
    }

    private static void print(boolean report, String name, long count, long nanos) {
        if (report) {
            System.out.printf(Locale.ROOT, "%-48s %,12.0f /s  %,8.0f ns/op%n", name, count * 1e9 / nanos,
                    (double) nanos / count);
        }
    }
}

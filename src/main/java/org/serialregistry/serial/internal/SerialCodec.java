package org.serialregistry.serial.internal;

import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Consumer;

import org.serialregistry.shared.Gtin;

/**
 * Makes and checks self-verifying serials, without a database.
 *
 * <p>A serial is 20 characters of Crockford base32 ({@value #ALPHABET}), so it is valid as a
 * GS1 AI 21 value and fits QR alphanumeric mode:
 * <pre>
 *  0      key version, in clear, so that the right key is found after rotation
 *  1..11  the 55-bit {@link SerialFields} payload, FF1-encrypted (AES-256, radix 32) with
 *         the GTIN digits and the key version as tweak
 *  12..19 HMAC-SHA256 over chars 0..11 and the GTIN, truncated to 40 bits
 * </pre>
 * Encryption hides facility, line, day and sequence and makes consecutive serials look
 * unrelated; the tag makes guessing a valid serial a one in 2<sup>40</sup> chance, and binds
 * the serial to its GTIN. Serials are unique per GTIN because FF1 is a permutation.
 *
 * <p>Thread-safe. Each thread keeps its own cipher and MAC per key version: creating them on
 * every call measured about 4 times slower (see {@code SerialCodecBenchmark}). On virtual
 * threads, which rarely live for more than one call, that creation cost (a few microseconds)
 * is paid once per thread.
 */
public final class SerialCodec {

    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 20;

    private static final byte[] DECODE = new byte[128];

    static {
        java.util.Arrays.fill(DECODE, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DECODE[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private final SerialKeyRing keyRing;
    private final boolean enginePerCall;
    private final ThreadLocal<CodecEngine[]> engines =
            ThreadLocal.withInitial(() -> new CodecEngine[SerialKeyRing.MAX_VERSION + 1]);

    public SerialCodec(SerialKeyRing keyRing) {
        this(keyRing, false);
    }

    /** For the benchmark that justifies the per-thread engines. */
    SerialCodec(SerialKeyRing keyRing, boolean enginePerCall) {
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
        this.enginePerCall = enginePerCall;
    }

    public SerialKeyRing keyRing() {
        return keyRing;
    }

    /**
     * Issues the serial for one unit with the active key version. The same GTIN and fields
     * always give the same serial under the same key version.
     */
    public String issue(Gtin gtin, SerialFields fields) {
        Objects.requireNonNull(fields, "fields");
        CodecEngine engine = engine(keyRing.activeVersion());
        engine.useGtin(Objects.requireNonNull(gtin, "gtin"));
        return engine.issue(fields.pack());
    }

    /**
     * Issues the serials of sequences {@code firstSequence .. firstSequence + count - 1}, in that
     * order, to {@code sink}: the fast path for bulk issuance, reusing this thread's engine.
     *
     * @throws IllegalArgumentException if a field is out of range, {@code count} is negative, or
     *                                  the last sequence exceeds {@link SerialFields#MAX_SEQUENCE}
     */
    public void issueRange(Gtin gtin, int facilityNumber, int lineNumber, LocalDate productionDay,
            long firstSequence, int count, Consumer<? super String> sink) {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(sink, "sink");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        long first = new SerialFields(facilityNumber, lineNumber, productionDay, firstSequence).pack();
        if (count == 0) {
            return;
        }
        long last = firstSequence + count - 1;
        if (last > SerialFields.MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequences " + firstSequence + ".." + last + " exceed the maximum "
                    + SerialFields.MAX_SEQUENCE + " per facility, line and day");
        }
        CodecEngine engine = engine(keyRing.activeVersion());
        for (int i = 0; i < count; i++) {
            // Re-bound every time: the sink may itself issue on this thread with another GTIN.
            engine.useGtin(gtin);
            sink.accept(engine.issue(first + i));
        }
    }

    /**
     * Checks a serial for a GTIN from the serial alone. The input is taken as is: no trimming,
     * no lowercase, no Crockford look-alike substitution; normalising user input is the caller's
     * choice.
     *
     * @return {@link Verdict.Malformed} for a wrong length or character, {@link Verdict.UnknownKey}
     *         for a key version not in the ring, {@link Verdict.Forged} if the tag does not match
     *         this GTIN, otherwise {@link Verdict.Genuine} with the decrypted fields
     */
    public Verdict check(Gtin gtin, String serial) {
        Objects.requireNonNull(gtin, "gtin");
        if (serial == null) {
            return new Verdict.Malformed("serial is missing");
        }
        if (serial.length() != LENGTH) {
            return new Verdict.Malformed("serial must be " + LENGTH + " characters, got " + serial.length());
        }
        char[] chars = serial.toCharArray();
        byte[] numerals = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            char c = chars[i];
            byte value = c < DECODE.length ? DECODE[c] : -1;
            if (value < 0) {
                return new Verdict.Malformed("serial has " + describe(c) + " at position " + (i + 1)
                        + ", outside the serial alphabet " + ALPHABET);
            }
            numerals[i] = value;
        }
        int version = numerals[0];
        if (!keyRing.hasVersion(version)) {
            return new Verdict.UnknownKey(version);
        }
        CodecEngine engine = engine(version);
        engine.useGtin(gtin);
        if (!engine.tagMatches(chars, numerals)) {
            return new Verdict.Forged();
        }
        long encrypted = 0;
        for (int i = 1; i <= Ff1Radix32.NUMERALS; i++) {
            encrypted = (encrypted << 5) | numerals[i];
        }
        return new Verdict.Genuine(SerialFields.unpack(engine.decrypt(encrypted)));
    }

    private CodecEngine engine(int version) {
        if (enginePerCall) {
            return new CodecEngine(keyRing.keys(version));
        }
        CodecEngine[] mine = engines.get();
        CodecEngine engine = mine[version];
        if (engine == null) {
            engine = new CodecEngine(keyRing.keys(version));
            mine[version] = engine;
        }
        return engine;
    }

    private static String describe(char c) {
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}

package org.serialregistry.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;

class SerialCodecTest {

    private static final Gtin PEN = new Gtin("04006381333931");
    private static final Gtin SCARF = new Gtin("09506000134352");
    private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

    private final SerialCodec codec = new SerialCodec(TestKeys.version1Only());

    @Test
    void aGenuineSerialChecksBackToTheFieldsItWasIssuedFor() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            SerialFields fields = randomFields(random);

            String serial = codec.issue(PEN, fields);

            assertThat(serial).hasSize(SerialCodec.LENGTH).startsWith("1");
            assertThat(serial.chars()).allMatch(c -> SerialCodec.ALPHABET.indexOf(c) >= 0);
            assertThat(new SerialNumber(serial).value()).isEqualTo(serial);
            assertThat(codec.check(PEN, serial)).isEqualTo(new Verdict.Genuine(fields));
        }
    }

    @Test
    void theExtremesOfEveryFieldRoundTrip() {
        for (SerialFields fields : List.of(
                new SerialFields(0, 0, SerialFields.FIRST_PRODUCTION_DAY, 0),
                new SerialFields(1023, 31, SerialFields.LAST_PRODUCTION_DAY, SerialFields.MAX_SEQUENCE))) {
            assertThat(codec.check(SCARF, codec.issue(SCARF, fields))).isEqualTo(new Verdict.Genuine(fields));
        }
        assertThat(SerialFields.LAST_PRODUCTION_DAY).isEqualTo(LocalDate.of(2064, 11, 8));
    }

    @Test
    void issuingIsDeterministicForTheSameKeyGtinAndFields() {
        SerialFields fields = new SerialFields(12, 3, DAY, 4711);
        assertThat(new SerialCodec(TestKeys.version1Only()).issue(PEN, fields)).isEqualTo(codec.issue(PEN, fields));
    }

    @Test
    void everySingleCharacterChangeIsDetected() {
        SerialCodec twoKeys = new SerialCodec(TestKeys.versions1And2(1));
        SplittableRandom random = new SplittableRandom(11);
        int forged = 0;
        for (int s = 0; s < 5; s++) {
            String genuine = twoKeys.issue(PEN, randomFields(random));
            for (int position = 0; position < SerialCodec.LENGTH; position++) {
                for (char substitute : SerialCodec.ALPHABET.toCharArray()) {
                    if (substitute == genuine.charAt(position)) {
                        continue;
                    }
                    Verdict verdict = twoKeys.check(PEN, replace(genuine, position, substitute));
                    if (position == 0 && substitute != '2') {
                        assertThat(verdict).isEqualTo(new Verdict.UnknownKey(SerialCodec.ALPHABET.indexOf(substitute)));
                    } else {
                        assertThat(verdict).as("%s with %s at %d", genuine, substitute, position)
                                .isEqualTo(new Verdict.Forged());
                        forged++;
                    }
                }
                for (char outside : new char[] {'I', 'L', 'O', 'U', 'a', '-', ' ', 'é'}) {
                    assertThat(twoKeys.check(PEN, replace(genuine, position, outside)))
                            .isInstanceOf(Verdict.Malformed.class);
                }
            }
        }
        assertThat(forged).isEqualTo(5 * (19 * 31 + 1));
    }

    @Test
    void aSerialIssuedForOneGtinIsForgedForAnother() {
        String serial = codec.issue(PEN, new SerialFields(1, 1, DAY, 1));

        assertThat(codec.check(PEN, serial).isGenuine()).isTrue();
        assertThat(codec.check(SCARF, serial)).isEqualTo(new Verdict.Forged());
    }

    @Test
    void randomWellFormedSerialsAreForged() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder guess = new StringBuilder("1");
            for (int c = 1; c < SerialCodec.LENGTH; c++) {
                guess.append(SerialCodec.ALPHABET.charAt(random.nextInt(32)));
            }
            assertThat(codec.check(PEN, guess.toString())).isEqualTo(new Verdict.Forged());
        }
    }

    @Test
    void aSerialFromAKeyVersionTheRingLacksIsUnknownKey() {
        String fromVersion2 = new SerialCodec(TestKeys.versions1And2(2)).issue(PEN, new SerialFields(1, 1, DAY, 1));

        assertThat(fromVersion2).startsWith("2");
        assertThat(codec.check(PEN, fromVersion2)).isEqualTo(new Verdict.UnknownKey(2));
    }

    @Test
    void afterRotationSerialsOfTheOldVersionStillVerify() {
        SerialFields before = new SerialFields(5, 2, DAY, 100);
        SerialFields after = new SerialFields(5, 2, DAY.plusDays(1), 0);
        String issuedBefore = codec.issue(PEN, before);

        SerialCodec rotated = new SerialCodec(TestKeys.versions1And2(2));
        String issuedAfter = rotated.issue(PEN, after);

        assertThat(issuedBefore).startsWith("1");
        assertThat(issuedAfter).startsWith("2");
        assertThat(rotated.check(PEN, issuedBefore)).isEqualTo(new Verdict.Genuine(before));
        assertThat(rotated.check(PEN, issuedAfter)).isEqualTo(new Verdict.Genuine(after));
    }

    @Test
    void malformedInputIsNamedAsSuch() {
        assertThat(codec.check(PEN, null)).isEqualTo(new Verdict.Malformed("serial is missing"));
        assertThat(codec.check(PEN, "")).isEqualTo(new Verdict.Malformed("serial must be 20 characters, got 0"));
        assertThat(codec.check(PEN, "1ABC")).isEqualTo(new Verdict.Malformed("serial must be 20 characters, got 4"));
        String genuine = codec.issue(PEN, new SerialFields(1, 1, DAY, 1));
        assertThat(codec.check(PEN, genuine + "0")).isInstanceOf(Verdict.Malformed.class);
        int firstLetter = 0;
        while (!Character.isLetter(genuine.charAt(firstLetter))) {
            firstLetter++;
        }
        assertThat(codec.check(PEN, genuine.toLowerCase()))
                .isEqualTo(new Verdict.Malformed("serial has '" + Character.toLowerCase(genuine.charAt(firstLetter))
                        + "' at position " + (firstLetter + 1) + ", outside the serial alphabet "
                        + SerialCodec.ALPHABET));
    }

    @Test
    void consecutiveSequencesGiveUnrelatedLookingSerials() {
        List<String> serials = new ArrayList<>();
        codec.issueRange(PEN, 7, 3, DAY, 0, 1_000, serials::add);

        Set<String> payloads = new HashSet<>();
        int[] firstPayloadChar = new int[32];
        int consecutiveSharingTwoChars = 0;
        for (int i = 0; i < serials.size(); i++) {
            String serial = serials.get(i);
            payloads.add(serial.substring(1, 12));
            firstPayloadChar[SerialCodec.ALPHABET.indexOf(serial.charAt(1))]++;
            if (i > 0 && serial.regionMatches(1, serials.get(i - 1), 1, 2)) {
                consecutiveSharingTwoChars++;
            }
        }
        assertThat(new HashSet<>(serials)).hasSize(1_000);
        assertThat(payloads).hasSize(1_000);
        // About 1 in 1024 neighbours share two payload characters by chance; a counter would share many.
        assertThat(consecutiveSharingTwoChars).isLessThanOrEqualTo(5);
        // Chi-square over 32 buckets, 31 degrees of freedom: 61.1 is the 0.1 % critical value.
        double expected = 1_000 / 32.0;
        double chiSquare = 0;
        for (int count : firstPayloadChar) {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        assertThat(chiSquare).isLessThan(61.1);
    }

    @Test
    void issueRangeGivesTheSameSerialsAsSingleIssuesInSequenceOrder() {
        List<String> bulk = new ArrayList<>();
        codec.issueRange(SCARF, 1023, 31, DAY, SerialFields.MAX_SEQUENCE - 9, 10, bulk::add);

        assertThat(bulk).hasSize(10);
        for (int i = 0; i < 10; i++) {
            SerialFields fields = new SerialFields(1023, 31, DAY, SerialFields.MAX_SEQUENCE - 9 + i);
            assertThat(bulk.get(i)).isEqualTo(codec.issue(SCARF, fields));
        }
    }

    @Test
    void aSinkThatIssuesForAnotherGtinDoesNotDisturbTheRange() {
        List<String> bulk = new ArrayList<>();
        codec.issueRange(PEN, 1, 1, DAY, 0, 3, serial -> {
            codec.issue(SCARF, new SerialFields(2, 2, DAY, 2));
            bulk.add(serial);
        });

        assertThat(bulk).allMatch(serial -> codec.check(PEN, serial).isGenuine());
    }

    @Test
    void issueRangeRejectsRangesBeyondTheSequenceSpace() {
        List<String> none = new ArrayList<>();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> codec.issueRange(PEN, 1, 1, DAY, SerialFields.MAX_SEQUENCE, 2, none::add))
                .withMessage("sequences 67108863..67108864 exceed the maximum 67108863 per facility, line and day");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> codec.issueRange(PEN, 1, 1, DAY, 0, -1, none::add))
                .withMessage("count must not be negative, got -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> codec.issueRange(PEN, 1024, 1, DAY, 0, 1, none::add))
                .withMessage("facility number must be 0..1023, got 1024");
        codec.issueRange(PEN, 1, 1, DAY, 0, 0, none::add);
        assertThat(none).isEmpty();
    }

    @Test
    void serialFieldsNameTheFieldThatIsOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SerialFields(-1, 0, DAY, 0))
                .withMessage("facility number must be 0..1023, got -1");
        assertThatIllegalArgumentException().isThrownBy(() -> new SerialFields(0, 32, DAY, 0))
                .withMessage("line number must be 0..31, got 32");
        assertThatIllegalArgumentException().isThrownBy(() -> new SerialFields(0, 0, null, 0))
                .withMessage("production day is missing");
        assertThatIllegalArgumentException().isThrownBy(() -> new SerialFields(0, 0, LocalDate.of(2019, 12, 31), 0))
                .withMessage("production day must be between 2020-01-01 and 2064-11-08, got 2019-12-31");
        assertThatIllegalArgumentException().isThrownBy(() -> new SerialFields(0, 0, DAY, 67_108_864))
                .withMessage("sequence must be 0..67108863 per facility, line and day, got 67108864");
    }

    @Test
    void concurrentIssueAndCheckGiveTheSameResultsAsOneThread() throws Exception {
        SerialCodec shared = new SerialCodec(TestKeys.versions1And2(2));
        SerialCodec reference = new SerialCodec(TestKeys.versions1And2(2));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Gtin gtin = t % 2 == 0 ? PEN : SCARF;
                int line = t;
                results.add(pool.submit(() -> {
                    List<String> serials = new ArrayList<>();
                    for (int i = 0; i < 5_000; i++) {
                        String serial = shared.issue(gtin, new SerialFields(9, line, DAY, i));
                        if (!shared.check(gtin, serial).isGenuine()) {
                            throw new AssertionError("not genuine: " + serial);
                        }
                        serials.add(serial);
                    }
                    return serials;
                }));
            }
            for (int t = 0; t < 4; t++) {
                List<String> serials = results.get(t).get();
                Gtin gtin = t % 2 == 0 ? PEN : SCARF;
                for (int i = 0; i < serials.size(); i += 97) {
                    assertThat(serials.get(i)).isEqualTo(reference.issue(gtin, new SerialFields(9, t, DAY, i)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static SerialFields randomFields(SplittableRandom random) {
        return new SerialFields(random.nextInt(1024), random.nextInt(32),
                SerialFields.FIRST_PRODUCTION_DAY.plusDays(random.nextInt(1 << 14)),
                random.nextLong(SerialFields.MAX_SEQUENCE + 1));
    }

    private static String replace(String serial, int position, char substitute) {
        char[] chars = serial.toCharArray();
        chars[position] = substitute;
        return new String(chars);
    }
}

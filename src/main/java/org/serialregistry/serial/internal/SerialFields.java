package org.serialregistry.serial.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What a serial carries, encrypted, in its 55-bit payload: where, on which day, and the how
 * manyth unit it was.
 *
 * @param facilityNumber 0..1023 (10 bits)
 * @param lineNumber     production line within the facility, 0..31 (5 bits)
 * @param productionDay  2020-01-01 .. 2064-11-08 (14 bits of days since 2020-01-01)
 * @param sequence       0..67,108,863 per facility, line and day (26 bits)
 */
public record SerialFields(int facilityNumber, int lineNumber, LocalDate productionDay, long sequence) {

    public static final int MAX_FACILITY_NUMBER = (1 << 10) - 1;
    public static final int MAX_LINE_NUMBER = (1 << 5) - 1;
    public static final long MAX_SEQUENCE = (1L << 26) - 1;
    public static final LocalDate FIRST_PRODUCTION_DAY = LocalDate.of(2020, 1, 1);
    public static final LocalDate LAST_PRODUCTION_DAY = FIRST_PRODUCTION_DAY.plusDays((1 << 14) - 1);

    public SerialFields {
        if (facilityNumber < 0 || facilityNumber > MAX_FACILITY_NUMBER) {
            throw new IllegalArgumentException(
                    "facility number must be 0.." + MAX_FACILITY_NUMBER + ", got " + facilityNumber);
        }
        if (lineNumber < 0 || lineNumber > MAX_LINE_NUMBER) {
            throw new IllegalArgumentException("line number must be 0.." + MAX_LINE_NUMBER + ", got " + lineNumber);
        }
        if (productionDay == null) {
            throw new IllegalArgumentException("production day is missing");
        }
        if (productionDay.isBefore(FIRST_PRODUCTION_DAY) || productionDay.isAfter(LAST_PRODUCTION_DAY)) {
            throw new IllegalArgumentException("production day must be between " + FIRST_PRODUCTION_DAY
                    + " and " + LAST_PRODUCTION_DAY + ", got " + productionDay);
        }
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence must be 0.." + MAX_SEQUENCE
                    + " per facility, line and day, got " + sequence);
        }
    }

    /** Bits, most significant first: facility 10, line 5, day 14, sequence 26. */
    long pack() {
        long day = ChronoUnit.DAYS.between(FIRST_PRODUCTION_DAY, productionDay);
        return ((long) facilityNumber << 45) | ((long) lineNumber << 40) | (day << 26) | sequence;
    }

    /** Every 55-bit value unpacks to valid fields, so a decrypted payload never fails here. */
    static SerialFields unpack(long payload) {
        return new SerialFields((int) (payload >>> 45) & MAX_FACILITY_NUMBER, (int) (payload >>> 40) & MAX_LINE_NUMBER,
                FIRST_PRODUCTION_DAY.plusDays((payload >>> 26) & ((1 << 14) - 1)), payload & MAX_SEQUENCE);
    }
}

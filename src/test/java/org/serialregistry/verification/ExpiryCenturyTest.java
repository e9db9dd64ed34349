package org.serialregistry.verification;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A printed expiry (AI 17, YYMMDD) is read in the century the registry's clock says, not the machine's. */
class ExpiryCenturyTest {

    @Test
    void aTwoDigitYearIsPlacedWithinFiftyYearsOfTodayByTheClock() {
        assertThat(Verifications.parseYymmdd("990131", LocalDate.of(2026, 12, 3))).isEqualTo(LocalDate.of(1999, 1, 31));
        assertThat(Verifications.parseYymmdd("990131", LocalDate.of(2070, 6, 1))).isEqualTo(LocalDate.of(2099, 1, 31));
        assertThat(Verifications.parseYymmdd("300200", LocalDate.of(2026, 12, 3))).isEqualTo(LocalDate.of(2030, 2, 28));
    }
}

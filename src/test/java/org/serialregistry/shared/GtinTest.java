package org.serialregistry.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GtinTest {

    @ParameterizedTest(name = "{0} is a valid GTIN-14")
    @ValueSource(strings = {"09506000134352", "04006381333931", "00036000291452", "00000096385074", "10614141000415"})
    void acceptsRealGtins(String value) {
        assertThat(new Gtin(value).value()).isEqualTo(value);
        assertThat(new Gtin(value)).hasToString(value);
    }

    @ParameterizedTest(name = "check digit of {0} is {1}")
    @CsvSource({"0950600013435, 2", "0400638133393, 1", "0003600029145, 2", "0000000000000, 0", "1061414100041, 5"})
    void computesTheGs1CheckDigit(String first13, char expected) {
        assertThat(Gtin.checkDigit(first13)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} pads to {1}")
    @CsvSource({
        "96385074, 00000096385074",        // GTIN-8 (EAN-8)
        "036000291452, 00036000291452",    // GTIN-12 (UPC-A)
        "4006381333931, 04006381333931",   // GTIN-13 (EAN-13)
        "09506000134352, 09506000134352",
        "' 4006381333931 ', 04006381333931"
    })
    void ofAcceptsShorterGtinsAndLeftPadsThem(String raw, String expected) {
        assertThat(Gtin.of(raw).value()).isEqualTo(expected);
    }

    @Test
    void aMistypedDigitIsRejectedWithTheExpectedCheckDigit() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Gtin("09506000134353"))
                .withMessage("GTIN check digit is 3 but should be 2; the number is mistyped");
    }

    @Test
    void swappedNeighbouringDigitsAreCaught() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Gtin("04006381339331"))
                .withMessageStartingWith("GTIN check digit is 1 but should be");
    }

    @Test
    void rejectionsNameTheFieldAndTheFault() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Gtin("4006381333931"))
                .withMessage("GTIN must be 14 digits, got 13 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> new Gtin("0950600013435X"))
                .withMessage("GTIN may contain only digits, found 'X' at position 14");
        assertThatIllegalArgumentException().isThrownBy(() -> new Gtin(null))
                .withMessage("GTIN is missing");
        assertThatIllegalArgumentException().isThrownBy(() -> Gtin.of("1234567"))
                .withMessage("GTIN must have 8, 12, 13 or 14 digits, got 7 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> Gtin.of("4006381333932"))
                .withMessage("GTIN check digit is 2 but should be 1; the number is mistyped");
        assertThatIllegalArgumentException().isThrownBy(() -> Gtin.checkDigit("123"))
                .withMessage("GTIN without check digit must be 13 digits, got 3 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> new Gtin("0950600013435\n"))
                .withMessage("GTIN may contain only digits, found U+000A at position 14");
    }
}

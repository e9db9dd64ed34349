package org.serialregistry.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class IdentifierValuesTest {

    @Test
    void serialNumbersAreOneToTwentyUppercaseLettersAndDigits() {
        assertThat(new SerialNumber("1").value()).isEqualTo("1");
        assertThat(new SerialNumber("ABCDEFGHIJ0123456789")).hasToString("ABCDEFGHIJ0123456789");
        assertThatIllegalArgumentException().isThrownBy(() -> new SerialNumber(""))
                .withMessage("serial number is missing");
        assertThatIllegalArgumentException().isThrownBy(() -> new SerialNumber("ABCDEFGHIJ01234567890"))
                .withMessage("serial number must be at most 20 characters, got 21");
        assertThatIllegalArgumentException().isThrownBy(() -> new SerialNumber("ABc1"))
                .withMessage("serial number may contain only A-Z and 0-9, found 'c' at position 3");
        assertThatIllegalArgumentException().isThrownBy(() -> new SerialNumber("AB-1"))
                .withMessage("serial number may contain only A-Z and 0-9, found '-' at position 3");
        assertThatIllegalArgumentException().isThrownBy(() -> new SerialNumber("ÄB1"))
                .withMessage("serial number may contain only A-Z and 0-9, found U+00C4 at position 1");
    }

    @Test
    void lotNumbersAreOneToTwentyUppercaseLettersAndDigitsWithoutPunctuation() {
        assertThat(new LotNumber("L77").value()).isEqualTo("L77");
        assertThatIllegalArgumentException().isThrownBy(() -> new LotNumber("L-77"))
                .withMessage("lot number may contain only A-Z and 0-9, found '-' at position 2");
        assertThatIllegalArgumentException().isThrownBy(() -> new LotNumber("L".repeat(21)))
                .withMessage("lot number must be at most 20 characters, got 21");
        assertThatIllegalArgumentException().isThrownBy(() -> new LotNumber(null))
                .withMessage("lot number is missing");
    }

    @Test
    void countryCodesAreIsoAlpha2InUppercase() {
        assertThat(new CountryCode("DE")).hasToString("DE");
        for (String iso : Locale.getISOCountries()) {
            assertThat(new CountryCode(iso).value()).isEqualTo(iso);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new CountryCode("de"))
                .withMessage("country code must be 2 uppercase letters A-Z, found 'd' at position 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new CountryCode("XX"))
                .withMessage("country code XX is not an ISO 3166-1 alpha-2 code");
        assertThatIllegalArgumentException().isThrownBy(() -> new CountryCode("DEU"))
                .withMessage("country code must be 2 letters (ISO 3166-1 alpha-2), got 3 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> new CountryCode(""))
                .withMessage("country code is missing");
    }
}

package org.serialregistry.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One reader for every code a person scans or types: a serial, a Digital Link, a GS1 element string. */
class UnitCodeTest {

    private static final String GTIN = "09506000134352";
    private static final String SERIAL = "1027WRQMTYCQ60KN9CTA";

    @ParameterizedTest
    @ValueSource(strings = {
            "1027WRQMTYCQ60KN9CTA",
            "  1027wrqmtycq60kn9cta \n",
            "https://id.example.com/01/09506000134352/10/A2611/21/1027WRQMTYCQ60KN9CTA",
            "HTTPS://ID.EXAMPLE.COM/01/09506000134352/10/A2611/21/1027WRQMTYCQ60KN9CTA?17=281231",
            "https://id.example.com/dl/prefix/01/09506000134352/21/1027wrqmtycq60kn9cta/",
            "https://id.example.com/01/9506000134352/21/1027WRQMTYCQ60KN9CTA#top",
            "(01)09506000134352(10)A2611(21)1027WRQMTYCQ60KN9CTA",
            "(01)09506000134352(17)281231(21)1027wrqmtycq60kn9cta",
            "]d201095060001343521728123110A2611\u001D211027WRQMTYCQ60KN9CTA",
            "0109506000134352\u001D211027WRQMTYCQ60KN9CTA",
            "]Q3010950600013435210A2611<GS>211027WRQMTYCQ60KN9CTA",
            "010950600013435217281231211027WRQMTYCQ60KN9CTA"
    })
    void everyFormNamesTheSameUnit(String scanned) {
        var code = UnitCode.parse(scanned);
        assertThat(code.serial().value()).isEqualTo(SERIAL);
        if (code.form() != UnitCode.Form.SERIAL) {
            assertThat(code.gtinValue()).isEqualTo(GTIN);
        }
    }

    @Test
    void lotAndExpiryAreReadFromLinksAndElementStrings() {
        var link = UnitCode.parse("https://id.example.com/01/09506000134352/10/a2611/21/" + SERIAL + "?17=281231");
        assertThat(link.lotValue()).isEqualTo("A2611");
        assertThat(link.expiry()).isEqualTo("281231");
        assertThat(link.form()).isEqualTo(UnitCode.Form.DIGITAL_LINK);
        var gs = UnitCode.parse("]C1010950600013435217281231" + "10A2611\u001D21" + SERIAL);
        assertThat(gs.lotValue()).isEqualTo("A2611");
        assertThat(gs.expiry()).isEqualTo("281231");
        assertThat(gs.form()).isEqualTo(UnitCode.Form.ELEMENT_STRING);
    }

    @Test
    void aCodeThatNamesNoUnitSaysWhatIsMissingInUserWords() {
        assertThat(UnitCode.problem("https://id.example.com/01/09506000134352")).contains("no /21/{serial}");
        assertThat(UnitCode.problem("(01)09506000134352(10)A2611")).contains("no (21) serial");
        assertThat(UnitCode.problem("https://example.com/about")).contains("/01/");
        assertThat(UnitCode.problem("ABC-123")).contains("A-Z and 0-9");
        assertThat(UnitCode.problem("   ")).startsWith("Enter or scan");
        assertThat(UnitCode.problem("X".repeat(600))).contains("longer than any code");
        assertThat(UnitCode.problem("(01)09506000134353(21)" + SERIAL)).contains("check digit");
        assertThatThrownBy(() -> UnitCode.parse("(01)0950600013435")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLinkSerialLongerThan32CharactersIsNotCutButRefusedWhole() {
        assertThat(UnitCode.problem("https://id.example.com/01/" + GTIN + "/21/" + "A".repeat(21))).contains("at most 20");
    }
}

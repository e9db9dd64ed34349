package org.serialregistry.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigitalLinkTest {

    private static final Gtin GTIN = new Gtin("09506000134352");

    @Test
    void buildsTheUriWithAndWithoutLot() {
        SerialNumber serial = new SerialNumber("1QZ8R4M2KX0PA7N3W9T5");
        assertThat(DigitalLink.uri("https://id.example.com", GTIN, new LotNumber("L77"), serial))
                .isEqualTo("https://id.example.com/01/09506000134352/10/L77/21/1QZ8R4M2KX0PA7N3W9T5");
        assertThat(DigitalLink.uri("https://id.example.com/dl//", GTIN, null, serial))
                .isEqualTo("https://id.example.com/dl/01/09506000134352/21/1QZ8R4M2KX0PA7N3W9T5");
        assertThatIllegalArgumentException().isThrownBy(() -> DigitalLink.uri(" ", GTIN, null, serial))
                .withMessage("Digital Link base URL is missing");
    }

    @Test
    void parsesBothPathShapes() {
        assertThat(DigitalLink.parse("/01/09506000134352/21/ABC123"))
                .contains(new DigitalLink.Parsed(GTIN, null, new SerialNumber("ABC123")));
        assertThat(DigitalLink.parse("/01/09506000134352/10/L77/21/ABC123"))
                .contains(new DigitalLink.Parsed(GTIN, new LotNumber("L77"), new SerialNumber("ABC123")));
        assertThat(DigitalLink.parse("/01/4006381333931/21/X"))
                .contains(new DigitalLink.Parsed(new Gtin("04006381333931"), null, new SerialNumber("X")));
    }

    @Test
    void aBuiltUriParsesBack() {
        String uri = DigitalLink.uri("https://id.example.com", GTIN, new LotNumber("L77"), new SerialNumber("S1"));
        assertThat(DigitalLink.parse(uri.substring("https://id.example.com".length())))
                .contains(new DigitalLink.Parsed(GTIN, new LotNumber("L77"), new SerialNumber("S1")));
    }

    @ParameterizedTest(name = "{0} is not a unit path")
    @ValueSource(strings = {"", "/", "01/09506000134352/21/ABC", "/01/09506000134352", "/01/09506000134353/21/ABC",
        "/01/09506000134352/21/abc", "/01/09506000134352/21/ABC/", "/01/09506000134352/10/L77",
        "/01/09506000134352/21/ABC/10/L77", "/01/09506000134352/10/L-7/21/ABC", "/22/09506000134352/21/ABC",
        "/01/09506000134352/21/", "/01/09506000134352/21/ABCDEFGHIJKLMNOPQRSTU"})
    void rejectsOtherPaths(String path) {
        assertThat(DigitalLink.parse(path)).isEmpty();
    }

    @Test
    void labelsCarryTheCanonicalLowercaseSchemeAndHostByDefault() {
        assertThat(DigitalLink.forQrCode("HTTPS://ID.Example.COM/dl/01/09506000134352/21/ABC"))
                .isEqualTo("https://id.example.com/dl/01/09506000134352/21/ABC");
        assertThat(DigitalLink.forQrCode("not a uri")).isEqualTo("not a uri");
    }

    @Test
    void theCompactOptionUppercasesOnlySchemeAndHost() {
        assertThat(DigitalLink.compactForQrCode("https://id.example.com/dl/01/09506000134352/21/ABC"))
                .isEqualTo("HTTPS://ID.EXAMPLE.COM/dl/01/09506000134352/21/ABC");
        assertThat(DigitalLink.compactForQrCode("https://id.example.com")).isEqualTo("HTTPS://ID.EXAMPLE.COM");
        assertThat(DigitalLink.compactForQrCode("not a uri")).isEqualTo("not a uri");
    }
}

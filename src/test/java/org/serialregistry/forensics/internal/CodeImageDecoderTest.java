package org.serialregistry.forensics.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.serialregistry.forensics.TestImages;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeImageDecoderTest {

    final CodeImageDecoder decoder = new CodeImageDecoder(new DecodeBulkhead(
            new ForensicsProperties(DataSize.ofMegabytes(128), 2, Duration.ofSeconds(2), Duration.ofSeconds(5))));

    static PhotoInspector.Inspected photo(byte[] png) {
        return new PhotoInspector.Inspected("code.png", "image/png", png, 400, 400, "sha");
    }

    /**
     * The first serial is one whose clean 400 px QR code ZXing's default pass (hybrid binarizer, try
     * harder) does not find: seen when a demo key made it the serial of a demo phone. A buyer's photo
     * of such a label must still read.
     */
    @ParameterizedTest
    @ValueSource(strings = {"14K1WJW9B6PA4JKQDFC4", "14K1WJW9B6PA4JKQDFC5", "ABCDEFGHJK1234567890"})
    void aCleanPhotoOfAnyUnitsCodeIsRead(String serial) {
        var decoded = decoder.decode(photo(TestImages.qr("https://id.example.com/01/09506000134352/10/A2611/21/" + serial)));
        assertThat(decoded.serial()).isEqualTo(serial);
        assertThat(decoded.gtin()).isEqualTo("09506000134352");
        assertThat(decoded.lot()).isEqualTo("A2611");
    }

    @Test
    void aPhotoWithoutACodeSaysWhatToDo() {
        assertThatThrownBy(() -> decoder.decode(photo(TestImages.photo("png", 400, 400))))
                .hasMessageStartingWith("codePhoto: no readable QR or Data Matrix code in code.png");
    }
}

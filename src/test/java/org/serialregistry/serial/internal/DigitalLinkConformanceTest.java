package org.serialregistry.serial.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;
import org.serialregistry.shared.DigitalLink;
import org.serialregistry.shared.GS1DigitalLinkValidator;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;

import static org.assertj.core.api.Assertions.assertThat;

/** What a printed QR code holds passes GS1's own Digital Link validator ({@code digital-link.js}). */
class DigitalLinkConformanceTest {

    private static final Gtin GTIN = new Gtin("09506000134352");
    private static final SerialNumber SERIAL = new SerialNumber("1QZ8R4M2KX0PA7N3W9T5");

    @Test
    void theQrCodeOnAPrintedLabelIsAValidGs1DigitalLink() throws Exception {
        var renderer = new LabelRenderer();
        var uris = List.of(
                DigitalLink.uri("http://localhost:8080", GTIN, new LotNumber("A2611"), SERIAL),
                DigitalLink.uri("https://ID.Example.com/dl/", GTIN, null, SERIAL));

        var scanned = uris.stream().map(uri -> decodeQr(renderer.qrPng(renderer.qrPayload(uri), 300))).toList();

        assertThat(scanned).containsExactly(
                "http://localhost:8080/01/09506000134352/10/A2611/21/1QZ8R4M2KX0PA7N3W9T5",
                "https://id.example.com/dl/01/09506000134352/21/1QZ8R4M2KX0PA7N3W9T5");
        assertThat(GS1DigitalLinkValidator.validate(scanned)).containsExactly("true", "true");
    }

    @Test
    void theCompactUppercaseOptionIsNotAcceptedByGs1sValidatorWhichIsWhyItIsOffByDefault() throws Exception {
        var compact = new LabelRenderer(true).qrPayload(DigitalLink.uri("http://localhost:8080", GTIN, null, SERIAL));

        assertThat(compact).startsWith("HTTP://LOCALHOST:8080/01/");
        assertThat(GS1DigitalLinkValidator.validate(List.of(compact))).singleElement().asString().startsWith("error:");
    }

    private static String decodeQr(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true)).getText();
        } catch (Exception e) {
            throw new AssertionError("QR code does not decode", e);
        }
    }
}

package org.serialregistry.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serialregistry.shared.DigitalLink;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class LabelRendererTest {

    private static final Gtin GTIN = new Gtin("09506000134352");
    private static final SerialNumber SERIAL = new SerialNumber("1QZ8R4M2KX0PA7N3W9T5");
    private static final String URI = DigitalLink.forQrCode(
            DigitalLink.uri("https://id.example.com", GTIN, new LotNumber("L77"), SERIAL));

    private final LabelRenderer renderer = new LabelRenderer();

    @TempDir
    Path dir;

    @Test
    void aQrPngDecodesBackToTheUri() throws Exception {
        byte[] png = renderer.qrPng(URI, 300);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(image.getHeight()).isBetween(150, 300);
        Result result = new QRCodeReader().decode(bitmap(image), Map.of(DecodeHintType.TRY_HARDER, true));
        assertThat(result.getText()).isEqualTo(URI);
        assertThat(result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL)).isEqualTo("M");
    }

    @Test
    void aQrPngDecodesWithZbarAnIndependentDecoder() throws Exception {
        Path file = dir.resolve("qr.png");
        Files.write(file, renderer.qrPng(URI, 300));

        // zbar-tools must be installed (CI installs it): a missing decoder fails, it does not skip.
        assertThat(run("zbarimg", "--raw", "-q", "--nodbus", file.toString()).strip()).isEqualTo(URI);
    }

    @Test
    void aGs1DataMatrixDecodesWithLibdmtxAnIndependentDecoder() throws Exception {
        Path file = dir.resolve("datamatrix.png");
        Files.write(file, renderer.dataMatrixPng(GTIN, SERIAL, 200));

        // dmtx-utils must be installed (CI installs it). "-G 29" prints FNC1 as GS, so the
        // leading GS shows that the symbol starts with FNC1: GS1 data, not plain text.
        assertThat(run("dmtxread", "-G", "29", "-m", "20000", file.toString()))
                .isEqualTo("\u001D01" + GTIN.value() + "21" + SERIAL.value());
    }

    @Test
    void theUppercaseOptionGivesASmallerQrCode() throws Exception {
        String lowercase = DigitalLink.uri("https://id.example.com", GTIN, new LotNumber("L77"), SERIAL);
        String uppercase = new LabelRenderer(true).qrPayload(lowercase);

        int lowerVersion = Encoder.encode(renderer.qrPayload(lowercase), ErrorCorrectionLevel.M).getVersion().getVersionNumber();
        int upperVersion = Encoder.encode(uppercase, ErrorCorrectionLevel.M).getVersion().getVersionNumber();

        assertThat(upperVersion).isLessThan(lowerVersion);
    }

    @Test
    void aGs1DataMatrixDecodesToTheElementStringWithLeadingFnc1() throws Exception {
        byte[] png = renderer.dataMatrixPng(GTIN, SERIAL, 200);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isLessThanOrEqualTo(200);
        Result result = new DataMatrixReader().decode(bitmap(image), Map.of(DecodeHintType.TRY_HARDER, true));
        assertThat(result.getBarcodeFormat()).isEqualTo(BarcodeFormat.DATA_MATRIX);
        // ZXing reports every FNC1, the leading one too, as the GS character.
        assertThat(result.getText()).isEqualTo("\u001D01" + GTIN.value() + "21" + SERIAL.value());
        // "]d2" is the symbology identifier of a Data Matrix that starts with FNC1, i.e. GS1 data.
        assertThat(result.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER)).isEqualTo("]d2");
    }

    @Test
    void aQrSvgIsWellFormedXmlWithOnePathTheCaptionAndTheRightCode() throws Exception {
        String caption = "S/N <" + SERIAL.value() + "> & 'more'";
        String svg = renderer.qrSvg(URI, caption);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        Element root = document.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(document.getElementsByTagName("path").getLength()).isEqualTo(1);
        assertThat(document.getElementsByTagName("text").item(0).getTextContent()).isEqualTo(caption);

        // Draw the path's module squares and decode them: the SVG shows the right code.
        String d = ((Element) document.getElementsByTagName("path").item(0)).getAttribute("d");
        String[] viewBox = root.getAttribute("viewBox").split(" ");
        int size = Integer.parseInt(viewBox[2]);
        int scale = 8;
        BufferedImage image = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(java.awt.Color.BLACK);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z").matcher(d);
        int end = 0;
        while (run.find()) {
            assertThat(run.start()).isEqualTo(end);
            end = run.end();
            g.fillRect(Integer.parseInt(run.group(1)) * scale, Integer.parseInt(run.group(2)) * scale,
                    Integer.parseInt(run.group(3)) * scale, scale);
        }
        g.dispose();
        assertThat(end).isEqualTo(d.length());
        assertThat(new QRCodeReader().decode(bitmap(image)).getText()).isEqualTo(URI);
    }

    @Test
    void aZplLabelHasOneQrCodeWithTheUriAndTheSerialAndCannotBeInjected() {
        String zpl = renderer.zpl(URI, SERIAL.value(), "Pen ^XZ^XA~JR \\ blue");

        assertThat(zpl).startsWith("^XA\n").endsWith("^XZ\n");
        assertThat(zpl.split("\\^XA", -1)).hasSize(2);
        assertThat(zpl.split("\\^XZ", -1)).hasSize(2);
        assertThat(zpl).doesNotContain("~JR")
                .contains("^BQN,2,")
                .contains("^FH\\^FDMA," + URI + "^FS")
                .contains("^FD" + SERIAL.value() + "^FS")
                .contains("^FDPen \\5EXZ\\5EXA\\7EJR \\5C blue^FS");
        Matcher qrOrigin = Pattern.compile("\\^FO(\\d+),10\\^BQN,2,(\\d+)").matcher(zpl);
        assertThat(qrOrigin.find()).isTrue();
        assertThat(Integer.parseInt(qrOrigin.group(1))).isBetween(80, 150);
    }

    @Test
    void aLabelSheetIsAnA4PageWithOneEscapedQrCodePerLabel() throws Exception {
        List<LabelRenderer.Label> labels = List.of(
                new LabelRenderer.Label(URI, GTIN, new LotNumber("L77"), SERIAL),
                new LabelRenderer.Label("https://id.example.com/01/09506000134352/21/S2?x=<b>&y", GTIN, null,
                        new SerialNumber("S2")));

        String html = renderer.labelSheetHtml(labels);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("@page { size: A4 portrait")
                .contains("grid-template-columns").contains("(10) L77").contains("(21) S2")
                .contains("(01) 09506000134352").doesNotContain("<b>");
        assertThat(html.split("<svg ", -1)).hasSize(3);
        assertThat(html.split("\\(10\\)", -1)).hasSize(2);
        // Each inline SVG is itself well-formed XML.
        Matcher svg = Pattern.compile("<svg .*?</svg>").matcher(html);
        while (svg.find()) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(svg.group())));
        }
    }

    @Test
    void unreasonableSizesAndMissingContentAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> renderer.qrPng(URI, 0))
                .withMessage("image size must be 1..4096 pixels, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> renderer.qrPng("", 100))
                .withMessage("QR code content is missing");
        assertThatIllegalArgumentException().isThrownBy(() -> renderer.qrSvg("A".repeat(5000), ""))
                .withMessage("QR code content is too long to encode");
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s exit code; output: %s", command[0], output).isZero();
        return output;
    }

    private static BinaryBitmap bitmap(BufferedImage image) {
        return new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    }

}

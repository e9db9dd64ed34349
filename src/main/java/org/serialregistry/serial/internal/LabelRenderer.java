package org.serialregistry.serial.internal;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.DigitalLink;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;

/**
 * Renders unit labels: QR codes (PNG, SVG), GS1 DataMatrix (PNG), Zebra ZPL and a printable
 * A4 sheet. QR codes use error correction level M, which survives about 15 % damage and keeps
 * a Digital Link URI in a small symbol. Stateless and thread-safe.
 */
public final class LabelRenderer {

    private final boolean uppercaseSchemeAndHost;

    /** Labels with the canonical (lowercase) scheme and host, as GS1's validator requires. */
    public LabelRenderer() {
        this(false);
    }

    /** @param uppercaseSchemeAndHost print {@code HTTPS://HOST/...} for a denser QR code (alphanumeric mode) */
    public LabelRenderer(boolean uppercaseSchemeAndHost) {
        this.uppercaseSchemeAndHost = uppercaseSchemeAndHost;
    }

    /** The text a QR label holds for {@code uri}: the URI with scheme and host in the configured case. */
    public String qrPayload(String uri) {
        return uppercaseSchemeAndHost ? DigitalLink.compactForQrCode(uri) : DigitalLink.forQrCode(uri);
    }

    /** One label of a sheet. */
    public record Label(String uri, Gtin gtin, @Nullable LotNumber lot, SerialNumber serial) {
        public Label {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(gtin, "gtin");
            Objects.requireNonNull(serial, "serial");
        }
    }

    private static final int QR_QUIET_ZONE = 4;
    private static final int DATA_MATRIX_QUIET_ZONE = 2;
    private static final int MAX_SIZE_PX = 4096;

    // ZPL label: 2 x 1.5 inch at 203 dpi.
    private static final int ZPL_WIDTH_DOTS = 406;
    private static final int ZPL_HEIGHT_DOTS = 305;
    private static final int ZPL_QR_MAX_DOTS = 190;

    /**
     * Renders {@code content} as a QR code in a square PNG of at most {@code sizePx} pixels, with
     * the 4-module quiet zone. Modules are whole pixels, so the image may be a little smaller
     * than asked; it is larger only if the code has more modules than {@code sizePx}.
     */
    public byte[] qrPng(String content, int sizePx) {
        requireSize(sizePx);
        return png(qrMatrix(content), QR_QUIET_ZONE, sizePx);
    }

    /**
     * Renders {@code content} as a QR code in a compact SVG: one path of the dark modules in a
     * viewBox of module units with the quiet zone, and {@code caption} (may be empty) as text
     * under it. Without width and height attributes, the SVG takes the size its container gives.
     */
    public String qrSvg(String content, String caption) {
        BitMatrix matrix = qrMatrix(content);
        int size = matrix.getWidth() + 2 * QR_QUIET_ZONE;
        String text = caption == null ? "" : caption.strip();
        // Monospace glyphs are about 0.6 em wide; keep the caption within the quiet zone margins.
        double fontSize = text.isEmpty() ? 0 : Math.min(3.5, (size - 2.0) / (0.6 * text.length()));
        double height = size + (text.isEmpty() ? 0 : fontSize * 1.5);
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(size).append(' ')
                .append(number(height)).append("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"")
                .append(escapeXml(text.isEmpty() ? "QR code" : text)).append("\">")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < matrix.getWidth() && matrix.get(x, y)) {
                    x++;
                }
                svg.append('M').append(start + QR_QUIET_ZONE).append(' ').append(y + QR_QUIET_ZONE)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        svg.append("\"/>");
        if (!text.isEmpty()) {
            svg.append("<text x=\"").append(number(size / 2.0)).append("\" y=\"").append(number(size + fontSize))
                    .append("\" font-family=\"ui-monospace,Menlo,Consolas,monospace\" font-size=\"")
                    .append(number(fontSize)).append("\" text-anchor=\"middle\" fill=\"#000\">")
                    .append(escapeXml(text)).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Renders a GS1 DataMatrix with the element string {@code (01) gtin (21) serial} in a square
     * PNG of at most {@code sizePx} pixels. The symbol starts with FNC1, which marks it as GS1
     * data to scanners; AI 01 has a fixed length and AI 21 comes last, so no separator is needed.
     */
    public byte[] dataMatrixPng(Gtin gtin, SerialNumber serial, int sizePx) {
        requireSize(sizePx);
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        // ZXing honours GS1_FORMAT (leading FNC1) only in its minimal ("compact") encoder.
        hints.put(EncodeHintType.GS1_FORMAT, true);
        hints.put(EncodeHintType.DATA_MATRIX_COMPACT, true);
        hints.put(EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE);
        BitMatrix matrix = new DataMatrixWriter().encode("01" + gtin.value() + "21" + serial.value(),
                BarcodeFormat.DATA_MATRIX, 0, 0, hints);
        return png(matrix, DATA_MATRIX_QUIET_ZONE, sizePx);
    }

    /**
     * Renders one Zebra label (2 x 1.5 in at 203 dpi, UTF-8): the QR code of {@code uri} centred
     * at the top, the serial under it and the product name (up to two lines) below. Text fields
     * go through {@code ^FH} hex escapes, so no value can inject ZPL commands.
     */
    public String zpl(String uri, String serial, String productName) {
        return zpl(uri, serial, productName, null);
    }

    /** A ZPL label with one more line under the product name (e.g. the scratch-off code); the name then takes one line. */
    public String zpl(String uri, String serial, String productName, @Nullable String extraLine) {
        Objects.requireNonNull(uri, "uri");
        int modules = qrMatrix(uri).getWidth();
        int magnification = Math.clamp(ZPL_QR_MAX_DOTS / modules, 1, 10);
        int qrDots = modules * magnification;
        int x = Math.max(0, (ZPL_WIDTH_DOTS - qrDots) / 2);
        int serialY = 10 + qrDots + 16;
        return "^XA\n^CI28\n^PW" + ZPL_WIDTH_DOTS + "\n^LL" + ZPL_HEIGHT_DOTS + "\n^LH0,0\n"
                // Q code, model 2; data prefix "MA,": error correction M, automatic mode selection.
                + "^FO" + x + ",10^BQN,2," + magnification + "^FH\\^FDMA," + escapeZpl(uri) + "^FS\n"
                + "^FO0," + serialY + "^FB" + ZPL_WIDTH_DOTS + ",1,0,C,0^A0N,30,30^FH\\^FD"
                + escapeZpl(serial) + "^FS\n"
                + "^FO10," + (serialY + 38) + "^FB" + (ZPL_WIDTH_DOTS - 20) + "," + (extraLine == null ? 2 : 1)
                + ",0,C,0^A0N,22,22^FH\\^FD" + escapeZpl(productName) + "^FS\n"
                + (extraLine == null ? "" : "^FO10," + (serialY + 64) + "^FB" + (ZPL_WIDTH_DOTS - 20)
                + ",1,0,C,0^A0N,22,22^FH\\^FD" + escapeZpl(extraLine) + "^FS\n")
                + "^XZ\n";
    }

    /**
     * Renders labels as a printable A4 HTML page: a grid of four labels a row, each with an
     * inline QR SVG captioned with the serial and the GS1 human-readable GTIN, lot and serial.
     * The QR codes hold each URI as {@link #qrPayload} gives it.
     * All text is escaped.
     */
    public String labelSheetHtml(List<Label> labels) {
        StringBuilder html = new StringBuilder(1024 + labels.size() * 6144);
        html.append(labelSheetHead());
        for (Label label : labels) {
            html.append(labelSheetItem(label));
        }
        return html.append(labelSheetTail()).toString();
    }

    /** The start of a label sheet, up to the first label; with {@link #labelSheetItem} and {@link #labelSheetTail}
     * a sheet of any size can be written piece by piece. */
    public String labelSheetHead() {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>Serial labels</title>
                <style>
                @page { size: A4 portrait; margin: 10mm; }
                * { box-sizing: border-box; }
                body { margin: 0; font-family: system-ui, sans-serif; color: #000; background: #fff; }
                .sheet { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; }
                .label { border: 0.2mm dashed #999; padding: 2mm; text-align: center;
                         break-inside: avoid; page-break-inside: avoid; }
                .label svg { display: block; width: 100%; height: auto; }
                .hri { margin: 1mm 0 0; font: 7.5pt/1.35 ui-monospace, Menlo, Consolas, monospace;
                       overflow-wrap: anywhere; }
                @media screen { body { width: 190mm; margin: 10mm auto; } }
                @media print { .label { border-color: #ccc; } }
                </style>
                </head>
                <body>
                <main class="sheet">
                """;
    }

    /** One label of a sheet: the QR code captioned with the serial and the GS1 human-readable text. */
    public String labelSheetItem(Label label) {
        return labelSheetItem(label, null, null);
    }

    /** A label with one more field (e.g. the scratch-off code, printed under its scratch layer). */
    public String labelSheetItem(Label label, @Nullable String extraHeading, @Nullable String extraValue) {
        StringBuilder html = new StringBuilder(6144);
        html.append("<figure class=\"label\" style=\"margin:0\">")
                .append(qrSvg(qrPayload(label.uri()), label.serial().value()))
                .append("<figcaption class=\"hri\">(01) ").append(escapeXml(label.gtin().value()));
        if (label.lot() != null) {
            html.append("<br>(10) ").append(escapeXml(label.lot().value()));
        }
        html.append("<br>(21) ").append(escapeXml(label.serial().value()));
        if (extraHeading != null && extraValue != null) {
            html.append("<br><span class=\"extra\">").append(escapeXml(extraHeading)).append(": ")
                    .append(escapeXml(extraValue)).append("</span>");
        }
        html.append("</figcaption></figure>\n");
        return html.toString();
    }

    public String labelSheetTail() {
        return "</main>\n</body>\n</html>\n";
    }

    private static BitMatrix qrMatrix(String content) {
        if (content == null || content.isEmpty()) {
            throw new IllegalArgumentException("QR code content is missing");
        }
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 0);
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR code content is too long to encode", e);
        }
    }

    private static byte[] png(BitMatrix matrix, int quietZone, int sizePx) {
        int modules = matrix.getWidth() + 2 * quietZone;
        int scale = Math.max(1, sizePx / modules);
        int pixels = modules * scale;
        BufferedImage image = new BufferedImage(pixels, pixels, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        int[] white = new int[pixels * pixels];
        java.util.Arrays.fill(white, 1);
        raster.setPixels(0, 0, pixels, pixels, white);
        int[] black = new int[scale * scale];
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    raster.setPixels((x + quietZone) * scale, (y + quietZone) * scale, scale, scale, black);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void requireSize(int sizePx) {
        if (sizePx < 1 || sizePx > MAX_SIZE_PX) {
            throw new IllegalArgumentException("image size must be 1.." + MAX_SIZE_PX + " pixels, got " + sizePx);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String escapeXml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0; drop them rather than fail.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String escapeZpl(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\5C");
                case '^' -> out.append("\\5E");
                case '~' -> out.append("\\7E");
                default -> {
                    if (c >= 0x20) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}

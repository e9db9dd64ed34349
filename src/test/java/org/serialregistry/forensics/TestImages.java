package org.serialregistry.forensics;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** Real image files for upload tests: photos, QR codes, and malicious or wrong files. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] photo(String format, int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(200, 180, 160));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.drawString("suspect unit", 10, height / 2);
        g.dispose();
        return write(image, format);
    }

    /** A QR code of {@code text} on a white margin, as a PNG "photo". */
    public static byte[] qr(String text) {
        try {
            var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 400, 400,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            return write(MatrixToImageWriter.toBufferedImage(matrix), "png");
        } catch (com.google.zxing.WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An image bomb: a valid PNG whose header declares {@code width × height} pixels while the file
     * is a few hundred bytes; decoding it would allocate gigabytes.
     */
    public static byte[] pngBomb(int width, int height) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        var ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0).array();
        chunk(out, "IHDR", ihdr);
        var deflater = new Deflater(9);
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        var buffer = new byte[4096];
        int n = deflater.deflate(buffer);
        chunk(out, "IDAT", java.util.Arrays.copyOf(buffer, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Starts like a PNG but is {@code size} bytes long. */
    public static byte[] oversized(int size) {
        byte[] big = new byte[size];
        System.arraycopy(photo("png", 10, 10), 0, big, 0, 8);
        return big;
    }

    public static byte[] gif() {
        return write(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB), "gif");
    }

    /**
     * A real, fully valid PNG of {@code width × height} pixels at 16 bits per channel, RGBA (8 bytes
     * per pixel), all transparent black: 6000 × 6000 decodes to 288 MB but compresses to about 280 KB.
     * Written row by row, so the test never holds the decoded image.
     */
    public static byte[] png16Rgba(int width, int height) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 16).put((byte) 6)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        var idat = new ByteArrayOutputStream();
        try (var deflate = new java.util.zip.DeflaterOutputStream(idat, new Deflater(9), 64 * 1024)) {
            byte[] row = new byte[1 + width * 8]; // filter byte 0, then the pixels
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            var out = new ByteArrayOutputStream();
            BufferedImage img = image;
            if (format.equals("jpeg") || format.equals("gif")) {
                img = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                img.getGraphics().drawImage(image, 0, 0, null);
            }
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

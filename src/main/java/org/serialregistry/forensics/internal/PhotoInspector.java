package org.serialregistry.forensics.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.springframework.stereotype.Component;

/**
 * Checks an uploaded photo before anything is stored: size, type by its first bytes (not by its
 * name or declared type), and dimensions read from the header only, so an image bomb (a small
 * file that decodes to gigapixels) is refused without ever being decoded.
 */
@Component
public class PhotoInspector {

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final long MAX_PIXELS = 40_000_000L;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private final ForensicsProperties properties;

    PhotoInspector(ForensicsProperties properties) {
        this.properties = properties;
    }

    /** A photo that passed: its type, dimensions and SHA-256. */
    public record Inspected(String filename, String contentType, byte[] content, int width, int height, String sha256) {
    }

    /** @throws IllegalArgumentException "{field}: {file} ..." saying what is wrong */
    public Inspected inspect(String field, String filename, byte[] content) {
        String name = cleanName(filename);
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException(field + ": " + name + " is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: %s is %.1f MB; at most 10 MB per photo",
                    field, name, content.length / 1024.0 / 1024.0));
        }
        String type;
        String format;
        if (startsWith(content, PNG)) {
            type = "image/png";
            format = "png";
        } else if (startsWith(content, JPEG)) {
            type = "image/jpeg";
            format = "jpeg";
        } else {
            throw new IllegalArgumentException(field + ": " + name + " is not a PNG or JPEG image");
        }
        int width;
        int height;
        int bytesPerPixel;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            var readers = ImageIO.getImageReadersByFormatName(format);
            if (in == null || !readers.hasNext()) {
                throw new IllegalArgumentException(field + ": " + name + " cannot be read as an image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                width = reader.getWidth(0);
                height = reader.getHeight(0);
                bytesPerPixel = bytesPerPixel(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith(field + ":")) {
                throw iae;
            }
            throw new IllegalArgumentException(field + ": " + name + " cannot be read as an image (damaged file?)");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(field + ": " + name + " has no picture in it");
        }
        long pixels = (long) width * height;
        if (pixels > MAX_PIXELS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: %s is %d × %d pixels (%.0f megapixels); at most 40 megapixels", field, name, width, height,
                    pixels / 1e6));
        }
        long decoded = pixels * bytesPerPixel;
        long limit = properties.maxDecodedImage().toBytes();
        if (decoded > limit) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: %s would take %d MB of memory to read (%d × %d pixels, %d bytes each); at most %d MB per image. "
                            + "Send a smaller photo (8 bits per channel, or fewer pixels)", field, name,
                    decoded / (1024 * 1024), width, height, bytesPerPixel, limit / (1024 * 1024)));
        }
        return new Inspected(name, type, content, width, height, sha256(content));
    }

    /** Bytes per decoded pixel, from the header (16-bit RGBA PNG: 8); 4 when the header does not say. */
    private static int bytesPerPixel(ImageReader reader) throws IOException {
        var types = reader.getImageTypes(0);
        if (types != null && types.hasNext()) {
            int bits = types.next().getColorModel().getPixelSize();
            if (bits > 0) {
                return Math.max(1, (bits + 7) / 8);
            }
        }
        return 4;
    }

    static String cleanName(String filename) {
        String n = filename == null ? "" : filename.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        if (n.isEmpty()) {
            n = "photo";
        }
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}

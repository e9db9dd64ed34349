package org.serialregistry.forensics.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import org.serialregistry.forensics.DecodedCode;
import org.serialregistry.shared.UnitCode;
import org.springframework.stereotype.Component;

/**
 * Reads the QR or Data Matrix code in a photo (ZXing) and parses the GS1 Digital Link it holds.
 * The photo must have passed {@link PhotoInspector} first, so decoding it is safe.
 */
@Component
public class CodeImageDecoder {

    private final DecodeBulkhead bulkhead;

    CodeImageDecoder(DecodeBulkhead bulkhead) {
        this.bulkhead = bulkhead;
    }

    /**
     * Decodes under the bulkhead (the photo's decoded size was bounded by {@link PhotoInspector}).
     *
     * @throws IllegalArgumentException "codePhoto: ..." when no code or no unit link is found
     * @throws org.serialregistry.forensics.DecodingBusyException when too many images are being decoded
     */
    public DecodedCode decode(PhotoInspector.Inspected photo) {
        return parse(bulkhead.decode(() -> readCode(photo)));
    }

    /** Each binarized image is tried as a photo, then as a pure (straight, cropped) code. */
    private static final List<Map<DecodeHintType, Object>> HINTS = List.of(hints(false), hints(true));

    private static Map<DecodeHintType, Object> hints(boolean pure) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX));
        if (pure) {
            hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        }
        return hints;
    }

    private static String readCode(PhotoInspector.Inspected photo) {
        java.awt.image.BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(photo.content()));
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            throw new IllegalArgumentException("codePhoto: " + photo.filename() + " cannot be read as an image");
        }
        var source = new BufferedImageLuminanceSource(image);
        // ZXing's first pass misses some codes (its finder-pattern search trips over certain data
        // patterns even in a clean image): try the other binarizer, then the image as a pure code
        for (var bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            for (var hints : HINTS) {
                try {
                    return new MultiFormatReader().decode(bitmap, hints).getText();
                } catch (NotFoundException e) {
                    // next strategy
                }
            }
        }
        throw new IllegalArgumentException("codePhoto: no readable QR or Data Matrix code in " + photo.filename()
                + "; take a sharper, straight photo or type the serial");
    }

    /** Reads the code's text with the shared reader: a Digital Link or a GS1 element string naming a unit. */
    static DecodedCode parse(String text) {
        String shown = text.length() > 120 ? text.substring(0, 120) + "…" : text;
        var code = UnitCode.tryParse(text).filter(c -> c.gtin() != null);
        if (code.isEmpty()) {
            throw new IllegalArgumentException("codePhoto: the code holds \"" + shown
                    + "\", not a GS1 Digital Link of a unit (…/01/{GTIN}/21/{serial})");
        }
        var c = code.get();
        return new DecodedCode(text, c.gtinValue(), c.lotValue(), c.serial().value());
    }
}

package org.serialregistry.custody.internal;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.DigitalLink;
import org.serialregistry.shared.SerialNumber;

/** Reads what a person scanned or typed: a bare serial or a unit's GS1 Digital Link URI. */
public final class SerialCodes {

    private SerialCodes() {
    }

    /** The serial (and GTIN, from a link) read from a code, or the problem when there is none. */
    public record Code(@Nullable String serial, @Nullable String gtin, @Nullable String problem) {
    }

    public static Code read(String raw) {
        String text = raw.strip();
        if (text.length() > 300) {
            return new Code(null, null, "longer than any code we print");
        }
        if (text.regionMatches(true, 0, "http", 0, 4)) {
            try {
                String path = URI.create(text).getPath();
                var parsed = DigitalLink.parse(path == null ? "" : path.replaceAll("/+$", ""));
                if (parsed.isPresent()) {
                    return new Code(parsed.get().serial().value(), parsed.get().gtin().value(), null);
                }
                // a link with a prefix before /01/
                int at = path == null ? -1 : path.indexOf("/01/");
                if (at > 0) {
                    var p2 = DigitalLink.parse(path.substring(at));
                    if (p2.isPresent()) {
                        return new Code(p2.get().serial().value(), p2.get().gtin().value(), null);
                    }
                }
            } catch (IllegalArgumentException e) {
                return new Code(null, null, "a link that is not a unit's Digital Link");
            }
            return new Code(null, null, "a link that is not a unit's Digital Link");
        }
        String upper = text.toUpperCase(Locale.ROOT);
        try {
            return new Code(new SerialNumber(upper).value(), null, null);
        } catch (IllegalArgumentException e) {
            return new Code(null, null, e.getMessage());
        }
    }

    /** A serial from input, or an error naming the field and the bad value. */
    public static String requireSerial(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(field + ": an empty serial");
        }
        var code = read(raw);
        if (code.serial() == null) {
            String shown = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
            throw new IllegalArgumentException(field + ": '" + shown + "' is not a serial: " + code.problem());
        }
        return code.serial();
    }
}

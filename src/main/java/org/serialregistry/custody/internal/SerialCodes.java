package org.serialregistry.custody.internal;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.UnitCode;

/** Reads what a person scanned or typed with the shared {@link UnitCode} reader. */
public final class SerialCodes {

    private SerialCodes() {
    }

    /** The serial (and GTIN, from a link) read from a code, or the problem when there is none. */
    public record Code(@Nullable String serial, @Nullable String gtin, @Nullable String problem) {
    }

    public static Code read(String raw) {
        try {
            var code = UnitCode.parse(raw);
            return new Code(code.serial().value(), code.gtinValue(), null);
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

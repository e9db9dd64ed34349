package org.serialregistry.shared;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * RFC 4180 CSV cells and lines, the same in every export. A cell that a spreadsheet would run as a
 * formula ({@code =}, {@code +}, {@code -}, {@code @} first) is prefixed with an apostrophe.
 */
public final class Csv {

    private Csv() {
    }

    /** One cell, quoted where it must be; null is empty. */
    public static String cell(@Nullable Object value) {
        String v = value == null ? "" : value.toString();
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** One line of cells, ended with CRLF. */
    public static void line(Writer out, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }
}

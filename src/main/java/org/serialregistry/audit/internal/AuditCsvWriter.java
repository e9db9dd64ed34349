package org.serialregistry.audit.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.serialregistry.audit.AuditExports;
import org.serialregistry.audit.AuditRecord;

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark (so that Excel reads the arrows and accents). A cell that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
 */
public final class AuditCsvWriter {

    private final BufferedWriter out;

    public AuditCsvWriter(OutputStream stream) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write('\uFEFF');
        line(AuditExports.HEADERS);
    }

    public void write(AuditRecord r) {
        try {
            line(AuditCells.of(r));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void finish() throws IOException {
        out.flush();
    }

    private void line(String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells[i]));
        }
        out.write("\r\n");
    }

    static String quote(String cell) {
        String v = cell == null ? "" : cell;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}

package org.serialregistry.audit.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.serialregistry.audit.AuditExports;
import org.serialregistry.audit.AuditRecord;
import org.serialregistry.shared.Csv;

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark (so that Excel reads the arrows and accents), cells as
 * {@link Csv} writes them (a would-be formula prefixed with an apostrophe).
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
        Csv.line(out, Arrays.asList(cells));
    }

    static String quote(String cell) {
        return Csv.cell(cell);
    }
}

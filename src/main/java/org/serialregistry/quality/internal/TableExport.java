package org.serialregistry.quality.internal;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.serialregistry.shared.Csv;

/** Writes a table as an .xlsx workbook with the streaming writer (constant memory for long tables), or as CSV. */
public final class TableExport {

    private TableExport() {
    }

    public static byte[] xlsx(QualityTables.Table table) {
        try (var out = new ByteArrayOutputStream()) {
            xlsx(table.sheet(), table.headers(), table.rows(), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("could not write the workbook", e);
        }
    }

    /** The workbook, written to {@code out} as it is made (rows beyond the window are on disk, not in memory). */
    public static void xlsx(String sheetName, List<String> headers, List<? extends List<?>> rows, OutputStream out)
            throws IOException {
        var workbook = new SXSSFWorkbook(200);
        try {
            var sheet = workbook.createSheet(sheetName.replaceAll("[\\\\/?*\\[\\]:]", " "));
            var bold = workbook.createCellStyle();
            var font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            var header = sheet.createRow(0);
            for (int i = 0; i < headers.size(); i++) {
                var cell = header.createCell(i);
                cell.setCellValue(headers.get(i));
                cell.setCellStyle(bold);
            }
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r + 1);
                var values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    var cell = row.createCell(c);
                    if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (v != null) {
                        cell.setCellValue(v.toString());
                    }
                }
            }
            workbook.write(out);
        } finally {
            workbook.close();
        }
    }

    /** The table as RFC 4180 CSV in UTF-8 with a byte-order mark (so that Excel reads the accents). */
    public static void csv(List<String> headers, List<? extends List<?>> rows, OutputStream stream) throws IOException {
        var out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write('\uFEFF');
        Csv.line(out, headers);
        for (var row : rows) {
            Csv.line(out, row);
        }
        out.flush();
    }
}

package org.serialregistry.quality.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Writes a table as an .xlsx workbook with the streaming writer (constant memory for long tables). */
public final class TableExport {

    private TableExport() {
    }

    public static byte[] xlsx(String sheetName, List<String> headers, List<? extends List<?>> rows) {
        var workbook = new SXSSFWorkbook(200);
        try (var out = new ByteArrayOutputStream()) {
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
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("could not write the workbook", e);
        } finally {
            try { workbook.close(); } catch (IOException ignored) { }
        }
    }
}

package org.serialregistry.audit.internal;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.serialregistry.audit.AuditExports;
import org.serialregistry.audit.AuditRecord;

/**
 * The audit trail as an Excel workbook through POI's streaming {@link SXSSFWorkbook}: only a window of
 * rows stays in memory; past a million rows the export goes on in a new sheet.
 */
public final class AuditXlsxWriter implements AutoCloseable {

    static final int ROWS_PER_SHEET = 1_000_000;

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
    private final CellStyle bold;
    private Sheet sheet;
    private int rowInSheet;

    public AuditXlsxWriter() {
        workbook.setCompressTempFiles(false);
        bold = workbook.createCellStyle();
        var font = workbook.createFont();
        font.setBold(true);
        bold.setFont(font);
        newSheet();
    }

    private void newSheet() {
        sheet = workbook.createSheet("Audit trail " + (workbook.getNumberOfSheets() + 1));
        Row header = sheet.createRow(0);
        for (int i = 0; i < AuditExports.HEADERS.length; i++) {
            var cell = header.createCell(i);
            cell.setCellValue(AuditExports.HEADERS[i]);
            cell.setCellStyle(bold);
        }
        rowInSheet = 1;
    }

    public void write(AuditRecord r) {
        if (rowInSheet > ROWS_PER_SHEET) {
            newSheet();
        }
        Row row = sheet.createRow(rowInSheet++);
        String[] cells = AuditCells.of(r);
        row.createCell(0).setCellValue(r.id());
        for (int i = 1; i < cells.length; i++) {
            // a cell holds at most 32,767 characters
            String v = cells[i];
            row.createCell(i).setCellValue(v.length() > 32_000 ? v.substring(0, 32_000) + "…" : v);
        }
    }

    public void finish(OutputStream out) throws IOException {
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}

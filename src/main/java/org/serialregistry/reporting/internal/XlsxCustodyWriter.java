package org.serialregistry.reporting.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.serialregistry.custody.CustodyMovement;

/**
 * Writes custody rows into a streaming workbook: only a window of rows stays in memory, the rest
 * goes to a temporary file, so a million rows need no more heap than ten. A sheet holds at most
 * {@link #ROWS_PER_SHEET} rows; the report continues on the next sheet.
 */
public final class XlsxCustodyWriter implements AutoCloseable {

    public static final int ROWS_PER_SHEET = 1_000_000;
    public static final String[] HEADERS = {"Event", "Event time (UTC)", "Business step", "Disposition", "Serial", "GTIN",
            "Lot", "From party", "From name", "To party", "To name", "Place", "Shipment", "References", "Recorded by"};

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(200) {
        // the final zip pass deflates every sheet's XML: the fastest level keeps it from dominating the export
        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            var zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    };
    private final Map<String, String> partyNames;
    private final CellStyle bold;
    private Sheet sheet;
    private int rowInSheet;
    private long rows;

    public XlsxCustodyWriter(Map<String, String> partyNames) {
        this.partyNames = partyNames;
        // inline strings, no shared-strings table: constant memory; compressed temp files save disk
        workbook.setCompressTempFiles(false);
        bold = workbook.createCellStyle();
        var font = workbook.createFont();
        font.setBold(true);
        bold.setFont(font);
        newSheet();
    }

    private void newSheet() {
        sheet = workbook.createSheet("Custody " + (workbook.getNumberOfSheets() + 1));
        Row header = sheet.createRow(0);
        for (int i = 0; i < HEADERS.length; i++) {
            var cell = header.createCell(i);
            cell.setCellValue(HEADERS[i]);
            cell.setCellStyle(bold);
        }
        rowInSheet = 1;
    }

    public void add(CustodyMovement m) {
        if (rowInSheet > ROWS_PER_SHEET) {
            newSheet();
        }
        Row row = sheet.createRow(rowInSheet++);
        row.createCell(0).setCellValue(m.eventId().value());
        row.createCell(1).setCellValue(m.eventTime().toString()); // ISO-8601 in UTC
        row.createCell(2).setCellValue(m.bizStep().cbv());
        text(row, 3, m.disposition() == null ? null : m.disposition().cbv());
        row.createCell(4).setCellValue(m.serial());
        row.createCell(5).setCellValue(m.gtin());
        row.createCell(6).setCellValue(m.lot());
        text(row, 7, m.fromParty());
        text(row, 8, m.fromParty() == null ? null : partyNames.get(m.fromParty()));
        text(row, 9, m.toParty());
        text(row, 10, m.toParty() == null ? null : partyNames.get(m.toParty()));
        text(row, 11, m.place());
        text(row, 12, m.shipmentNumber());
        text(row, 13, m.references());
        row.createCell(14).setCellValue(m.recordedBy());
        rows++;
    }

    private static void text(Row row, int col, String value) {
        if (value != null) {
            row.createCell(col).setCellValue(value);
        }
    }

    public long rows() {
        return rows;
    }

    public void writeTo(OutputStream out) throws IOException {
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close(); // also deletes the temporary files (POI 5)
    }
}

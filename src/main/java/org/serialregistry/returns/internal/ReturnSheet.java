package org.serialregistry.returns.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.serialregistry.returns.NewReturn;

/**
 * Reads the lines of a return from the first sheet of an Excel workbook: a header row naming the
 * columns {@code serial} and {@code reason} (and optionally {@code note}), then one unit per row.
 * Empty rows are skipped. The values are checked later by the returns desk, which names every bad row.
 */
public final class ReturnSheet {

    private ReturnSheet() {
    }

    /** @throws IllegalArgumentException "file: ..." when it is no workbook or lacks a column */
    public static List<NewReturn.Line> read(InputStream in) {
        var formatter = new DataFormatter(Locale.ROOT);
        try (var workbook = WorkbookFactory.create(in)) {
            if (workbook.getNumberOfSheets() == 0) {
                throw new IllegalArgumentException("file: the workbook has no sheet");
            }
            var sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            int serialCol = -1;
            int reasonCol = -1;
            int noteCol = -1;
            if (header != null) {
                for (var cell : header) {
                    switch (formatter.formatCellValue(cell).strip().toLowerCase(Locale.ROOT)) {
                        case "serial" -> serialCol = cell.getColumnIndex();
                        case "reason" -> reasonCol = cell.getColumnIndex();
                        case "note" -> noteCol = cell.getColumnIndex();
                        default -> { }
                    }
                }
            }
            if (serialCol < 0 || reasonCol < 0) {
                throw new IllegalArgumentException("file: the first row must name the columns serial and reason"
                        + " (and optionally note)");
            }
            var lines = new ArrayList<NewReturn.Line>();
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                String serial = row == null ? "" : formatter.formatCellValue(row.getCell(serialCol)).strip();
                String reason = row == null ? "" : formatter.formatCellValue(row.getCell(reasonCol)).strip();
                String note = row == null || noteCol < 0 ? "" : formatter.formatCellValue(row.getCell(noteCol)).strip();
                if (!serial.isEmpty() || !reason.isEmpty() || !note.isEmpty()) {
                    lines.add(new NewReturn.Line(serial, reason, note));
                }
            }
            return lines;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("file:")) {
                throw iae;
            }
            throw new IllegalArgumentException("file: not a readable Excel workbook (.xlsx)");
        }
    }
}

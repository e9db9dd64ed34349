package org.serialregistry.warranty.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.warranty.ClaimImportReport;
import org.serialregistry.warranty.NewClaim;

/** Reads (and writes a template of) the claim workbook that repair networks upload. */
public final class ClaimWorkbook {

    public static final List<String> COLUMNS = List.of("GTIN", "Serial", "Defect code", "Failure date",
            "Claimant name", "Claimant email", "Description", "Your reference", "Purchase receipt");
    /** Columns a file must have; the last one (the seller's receipt number) may be left out, as older files do. */
    private static final int REQUIRED = COLUMNS.size() - 1;
    public static final int MAX_ROWS = 2000;
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    /** One data row with its spreadsheet row number (the header is row 1). */
    public record ClaimRow(int row, NewClaim claim) {
    }

    public record Rows(List<ClaimRow> rows, List<ClaimImportReport.RowProblem> problems) {
    }

    /** The claim's field names and the columns that hold them, for row problems in the sheet's words. */
    private static final Map<String, String> COLUMN_OF = Map.of("gtin", "GTIN", "serial", "Serial",
            "defectCode", "Defect code", "failureDate", "Failure date", "claimantName", "Claimant name",
            "claimantEmail", "Claimant email", "description", "Description", "externalReference", "Your reference", "file", "File");

    private ClaimWorkbook() {
    }

    /** Every problem of a row, each named by its column header: "Claimant email: ...; Serial: ...". */
    public static String inColumnWords(RuntimeException e) {
        return String.join("; ", InvalidInput.of(e).stream().map(p -> p.field().isEmpty() ? p.message()
                : COLUMN_OF.getOrDefault(p.field(), p.field()) + ": " + p.message()).toList());
    }

    public static Rows read(byte[] content) {
        var problems = new ArrayList<ClaimImportReport.RowProblem>();
        var rows = new ArrayList<ClaimRow>();
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException("file: the file is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException("file: at most 5 MB");
        }
        if (content.length < 4 || content[0] != 'P' || content[1] != 'K') {
            throw new IllegalArgumentException("file: not an Excel workbook (.xlsx)");
        }
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            var sheet = workbook.getSheetAt(0);
            var header = sheet.getRow(sheet.getFirstRowNum());
            var fmt = new DataFormatter();
            for (int i = 0; i < COLUMNS.size(); i++) {
                String h = header == null ? "" : fmt.formatCellValue(header.getCell(i)).strip();
                if (!COLUMNS.get(i).equalsIgnoreCase(h) && (i < REQUIRED || !h.isEmpty())) {
                    throw new IllegalArgumentException("file: column " + (char) ('A' + i) + " of the first row must be '"
                            + COLUMNS.get(i) + "' (found '" + h + "'); the columns are " + String.join(", ", COLUMNS));
                }
            }
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || blank(row, fmt)) {
                    continue;
                }
                if (rows.size() + problems.size() >= MAX_ROWS) {
                    throw new IllegalArgumentException("file: at most " + MAX_ROWS + " claims per file");
                }
                int number = r + 1;
                try {
                    rows.add(new ClaimRow(number, new NewClaim(text(row, 0, fmt), text(row, 1, fmt), text(row, 2, fmt),
                            date(row.getCell(3), fmt), text(row, 4, fmt), text(row, 5, fmt), text(row, 6, fmt),
                            text(row, 7, fmt), text(row, 8, fmt))));
                } catch (IllegalArgumentException e) {
                    problems.add(ClaimImportReport.RowProblem.of(number, e));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("file:")) {
                throw iae;
            }
            throw new IllegalArgumentException("file: the workbook cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            throw new IllegalArgumentException("file: the workbook has no claim rows below the header");
        }
        return new Rows(rows, problems);
    }

    private static boolean blank(Row row, DataFormatter fmt) {
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (!fmt.formatCellValue(row.getCell(i)).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String text(Row row, int column, DataFormatter fmt) {
        String v = fmt.formatCellValue(row.getCell(column)).strip();
        return v.isEmpty() ? null : v;
    }

    private static LocalDate date(Cell cell, DataFormatter fmt) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate();
        }
        String t = fmt.formatCellValue(cell).strip();
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("failureDate: '" + t + "' is not a date like 2026-11-20");
        }
    }

    /** A workbook with the header and the given rows (each a list of cell texts), for templates and tests. */
    public static byte[] write(List<List<String>> rows) {
        try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Claims");
            var header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(COLUMNS.get(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (rows.get(r).get(c) != null) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

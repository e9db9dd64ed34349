package org.serialregistry.verification.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.serialregistry.verification.BatchVerification;
import org.serialregistry.verification.PublicVerdict;

/**
 * The Excel side of batch verification: reads the codes from the first sheet of an .xlsx file
 * (a header row naming the columns GTIN, Serial, Lot, Expiry; without a header, one column is
 * serials, two are GTIN and serial) and writes the result sheet (streaming, SXSSF).
 */
public final class VerificationWorkbook {

    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The largest sheet an upload may be: the screen's upload and the API refuse a larger file before reading it. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final String[] RESULT_HEADER = {"Row", "GTIN", "Serial", "Lot", "Verified", "Verdict",
            "Failure reason", "Additional info", "Status", "Product", "Message"};

    private VerificationWorkbook() {
    }

    /**
     * The codes of a sheet, in sheet order, and the row (as the spreadsheet numbers it, from 1) each
     * came from: rows without a GTIN or a serial are skipped.
     */
    public record Codes(List<BatchVerification.Item> items, List<Integer> rows) {
    }

    /** @throws IllegalArgumentException "file: ..." when the file is not a workbook, has no serials or too many rows */
    public static List<BatchVerification.Item> read(InputStream in) {
        return readCodes(in).items();
    }

    /** As {@link #read}, with each code's sheet row. */
    public static Codes readCodes(InputStream in) {
        try (var workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            var format = new DataFormatter(Locale.ROOT);
            int gtinCol = -1;
            int serialCol = -1;
            int lotCol = -1;
            int expiryCol = -1;
            int first = sheet.getFirstRowNum();
            Row header = sheet.getRow(first);
            boolean hasHeader = false;
            if (header != null) {
                for (Cell cell : header) {
                    String name = format.formatCellValue(cell).strip().toLowerCase(Locale.ROOT);
                    switch (name) {
                        case "gtin", "gtin (01)", "01" -> gtinCol = cell.getColumnIndex();
                        case "serial", "serial number", "serial (21)", "21" -> serialCol = cell.getColumnIndex();
                        case "lot", "batch", "lot (10)", "10" -> lotCol = cell.getColumnIndex();
                        case "expiry", "expiry date", "expiry (17)", "17" -> expiryCol = cell.getColumnIndex();
                        default -> { }
                    }
                }
                hasHeader = serialCol >= 0;
            }
            if (!hasHeader) {
                int width = header == null ? 0 : header.getLastCellNum();
                serialCol = width >= 2 ? 1 : 0;
                gtinCol = width >= 2 ? 0 : -1;
            }
            var items = new ArrayList<BatchVerification.Item>();
            var rows = new ArrayList<Integer>();
            for (int r = hasHeader ? first + 1 : first; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                String serial = text(row, serialCol, format);
                String gtin = text(row, gtinCol, format);
                if (serial == null && gtin == null) {
                    continue;
                }
                if (items.size() == BatchVerification.MAX_ITEMS) {
                    throw new IllegalArgumentException("file: at most " + BatchVerification.MAX_ITEMS
                            + " codes per upload; split the sheet");
                }
                items.add(new BatchVerification.Item(gtin, serial, text(row, lotCol, format), text(row, expiryCol, format)));
                rows.add(r + 1);
            }
            if (items.isEmpty()) {
                throw new IllegalArgumentException("file: no serials found; put them in a column headed 'Serial'");
            }
            return new Codes(List.copyOf(items), List.copyOf(rows));
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("file:")) {
                throw iae;
            }
            throw new IllegalArgumentException("file: not an Excel workbook (.xlsx) that can be read");
        }
    }

    private static @Nullable String text(@Nullable Row row, int col, DataFormatter format) {
        if (row == null || col < 0) {
            return null;
        }
        Cell cell = row.getCell(col);
        String value = cell == null ? "" : format.formatCellValue(cell).strip();
        return value.isEmpty() ? null : value;
    }

    /** The result workbook's file name: the uploaded name, "-verified-" and the minute it was checked. */
    public static String resultName(String uploadedName, LocalDateTime checkedAt) {
        return uploadedName.replaceAll("(?i)\\.xlsx$", "").replaceAll("[^A-Za-z0-9_.-]", "_") + "-verified-"
                + checkedAt.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")) + ".xlsx";
    }

    /** The result workbook: one row per code, in the order given, and a summary sheet. */
    public static byte[] write(List<BatchVerification.Item> items, List<BatchVerification.ItemResult> results) {
        try (var workbook = new SXSSFWorkbook(500); var out = new ByteArrayOutputStream()) {
            var bold = workbook.createCellStyle();
            var font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet sheet = workbook.createSheet("Verification");
            Row head = sheet.createRow(0);
            for (int c = 0; c < RESULT_HEADER.length; c++) {
                Cell cell = head.createCell(c);
                cell.setCellValue(RESULT_HEADER[c]);
                cell.setCellStyle(bold);
            }
            var summary = new EnumMap<PublicVerdict, Integer>(PublicVerdict.class);
            for (var result : results) {
                var a = result.answer();
                var item = items.get(result.index());
                Row row = sheet.createRow(result.index() + 1);
                row.createCell(0).setCellValue(result.index() + 1);
                row.createCell(1).setCellValue(nz(result.gtin()));
                row.createCell(2).setCellValue(nz(result.serial()));
                row.createCell(3).setCellValue(nz(a.lot() != null ? a.lot() : item.lot()));
                row.createCell(4).setCellValue(a.verified() ? "yes" : "no");
                row.createCell(5).setCellValue(a.verdict().name());
                row.createCell(6).setCellValue(nz(a.verificationFailureReason()));
                row.createCell(7).setCellValue(nz(a.additionalInfo()));
                row.createCell(8).setCellValue(nz(a.status()));
                row.createCell(9).setCellValue(a.product() == null ? "" : nz(a.product().name()));
                row.createCell(10).setCellValue(a.message());
                summary.merge(a.verdict(), 1, Integer::sum);
            }
            Sheet totals = workbook.createSheet("Summary");
            Row th = totals.createRow(0);
            th.createCell(0).setCellValue("Verdict");
            th.createCell(1).setCellValue("Codes");
            int r = 1;
            for (var e : summary.entrySet()) {
                Row row = totals.createRow(r++);
                row.createCell(0).setCellValue(e.getKey().name());
                row.createCell(1).setCellValue(e.getValue());
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }
}

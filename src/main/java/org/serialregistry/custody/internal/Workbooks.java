package org.serialregistry.custody.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.serialregistry.custody.ManifestImport;
import org.serialregistry.custody.ReceiptLine;
import org.serialregistry.custody.ReceiptReport;

/** Excel files the custody workspaces hand out: receipt reports and lists of rejected manifest rows. */
public final class Workbooks {

    private Workbooks() {
    }

    public static void receiptReport(ReceiptReport report, OutputStream out) {
        try (var wb = new SXSSFWorkbook(200)) {
            var sheet = wb.createSheet("Receipt " + safe(report.shipment().shipmentNumber()));
            var bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            var s = report.shipment();
            int r = 0;
            r = pair(sheet, r, "Shipment", s.shipmentNumber());
            r = pair(sheet, r, "From", s.fromParty());
            r = pair(sheet, r, "To", s.toParty());
            r = pair(sheet, r, "Status", report.applied() ? s.status().label() : "Checked, not yet confirmed");
            for (var e : report.counts().entrySet()) {
                r = pair(sheet, r, e.getKey().label(), String.valueOf(e.getValue()));
            }
            r++;
            var header = sheet.createRow(r++);
            String[] titles = {"Code", "Serial", "GTIN", "Outcome", "Detail"};
            for (int i = 0; i < titles.length; i++) {
                var c = header.createCell(i);
                c.setCellValue(titles[i]);
                c.setCellStyle(bold);
            }
            for (ReceiptLine l : report.lines()) {
                var row = sheet.createRow(r++);
                row.createCell(0).setCellValue(l.code());
                row.createCell(1).setCellValue(l.serial() == null ? "" : l.serial());
                row.createCell(2).setCellValue(l.gtin() == null ? "" : l.gtin());
                row.createCell(3).setCellValue(l.outcome().label());
                row.createCell(4).setCellValue(l.detail() == null ? "" : l.detail());
            }
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void rejectedRows(List<ManifestImport.RejectedRow> rows, OutputStream out) {
        try (var wb = new SXSSFWorkbook(200)) {
            var sheet = wb.createSheet("Rejected rows");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("Row");
            header.createCell(1).setCellValue("Reason");
            int r = 1;
            for (var row : rows) {
                var x = sheet.createRow(r++);
                x.createCell(0).setCellValue(row.row());
                x.createCell(1).setCellValue(row.reason());
            }
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int pair(org.apache.poi.ss.usermodel.Sheet sheet, int r, String label, String value) {
        var row = sheet.createRow(r);
        row.createCell(0).setCellValue(label);
        row.createCell(1).setCellValue(value);
        return r + 1;
    }

    private static String safe(String name) {
        String s = name.replaceAll("[\\\\/?*\\[\\]:]", "-");
        return s.length() > 20 ? s.substring(0, 20) : s;
    }
}

package org.serialregistry.serial;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.UUID;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.serialregistry.serial.internal.BatchStore;
import org.serialregistry.serial.internal.LabelRenderer;
import org.serialregistry.serial.internal.UnitStore;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files of a completed batch: its serials with their Digital Link URIs as CSV or Excel, a ZPL file
 * for thermal label printers, and a printable label sheet. Every format is written while the
 * serials are read from the database, so memory stays constant whatever the batch size (the read
 * runs in a read-only transaction so that PostgreSQL streams through a cursor).
 */
@Service
public class BatchExports {

    /** A printable sheet of more labels than this is no use to anyone: print the ZPL file instead. */
    public static final int MAX_LABEL_SHEET = 10_000;

    private final BatchStore batches;
    private final UnitStore units;
    private final Labels labels;
    private final LabelRenderer renderer;

    private final org.springframework.beans.factory.ObjectProvider<LabelExtras> extras;

    BatchExports(BatchStore batches, UnitStore units, Labels labels, LabelRenderer renderer,
                 org.springframework.beans.factory.ObjectProvider<LabelExtras> extras) {
        this.extras = extras;
        this.batches = batches;
        this.units = units;
        this.labels = labels;
        this.renderer = renderer;
    }

    /** The batch is not completed (yet), so it has no serials to export. */
    public static class BatchNotCompletedException extends RuntimeException {
        public BatchNotCompletedException(BatchView batch) {
            super("Batch " + batch.id() + " is " + batch.status().name().toLowerCase()
                    + (batch.status() == BatchStatus.FAILED ? "" : "; its serials exist once it is completed"));
        }
    }

    /** CSV (RFC 4180, UTF-8): {@code serial,digital_link} (and {@code scratch_off_code} for products whose units
     * carry one), one unit a line, in serial order. */
    @Transactional(readOnly = true)
    public void writeCsv(UUID batchId, OutputStream out) {
        var batch = completed(batchId);
        var gtin = new Gtin(batch.gtin());
        var lot = new LotNumber(batch.lot());
        var extra = extraField(gtin);
        write(out, w -> {
            w.write(extra == null ? "serial,digital_link\r\n" : "serial,digital_link,scratch_off_code\r\n");
            units.streamBatch(batchId, s -> unchecked(() -> {
                w.write(s);
                w.write(',');
                w.write(labels.digitalLink(gtin, lot, new SerialNumber(s)));
                if (extra != null) {
                    w.write(',');
                    w.write(extra.valueOf().apply(new SerialNumber(s)));
                }
                w.write("\r\n");
            }));
        });
    }

    /** Excel workbook, sheet "Serials": Serial, Digital Link. Streamed (SXSSF: 100 rows in memory). */
    @Transactional(readOnly = true)
    public void writeXlsx(UUID batchId, OutputStream out) {
        var batch = completed(batchId);
        var gtin = new Gtin(batch.gtin());
        var lot = new LotNumber(batch.lot());
        var extra = extraField(gtin);
        var workbook = new SXSSFWorkbook(100);
        try {
            workbook.setCompressTempFiles(true);
            var sheet = workbook.createSheet("Serials");
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("Serial");
            header.createCell(1).setCellValue("Digital Link");
            header.getCell(0).setCellStyle(bold);
            header.getCell(1).setCellStyle(bold);
            if (extra != null) {
                header.createCell(2).setCellValue(extra.heading());
                header.getCell(2).setCellStyle(bold);
                sheet.setColumnWidth(2, 20 * 256);
            }
            sheet.setColumnWidth(0, 24 * 256);
            sheet.setColumnWidth(1, 80 * 256);
            sheet.createFreezePane(0, 1);
            int[] row = {1};
            units.streamBatch(batchId, s -> {
                var r = sheet.createRow(row[0]++);
                r.createCell(0).setCellValue(s);
                r.createCell(1).setCellValue(labels.digitalLink(gtin, lot, new SerialNumber(s)));
                if (extra != null) {
                    r.createCell(2).setCellValue(extra.valueOf().apply(new SerialNumber(s)));
                }
            });
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // temp files are gone already
            }
        }
    }

    /** One Zebra ZPL label per unit (2 x 1.5 in, 203 dpi): QR code, serial and product name. */
    @Transactional(readOnly = true)
    public void writeZpl(UUID batchId, OutputStream out) {
        var batch = completed(batchId);
        var gtin = new Gtin(batch.gtin());
        var lot = new LotNumber(batch.lot());
        var extra = extraField(gtin);
        write(out, w -> units.streamBatch(batchId, s -> unchecked(() -> w.write(renderer.zpl(
                renderer.qrPayload(labels.digitalLink(gtin, lot, new SerialNumber(s))),
                s, batch.productName(), extra == null ? null
                        : extra.heading() + ": " + extra.valueOf().apply(new SerialNumber(s)))))));
    }

    /**
     * A printable A4 HTML sheet with every unit's QR code and human-readable text.
     *
     * @throws IllegalArgumentException for batches of more than {@link #MAX_LABEL_SHEET} units
     */
    @Transactional(readOnly = true)
    public void writeLabelSheet(UUID batchId, OutputStream out) {
        var batch = completed(batchId);
        if (batch.quantity() > MAX_LABEL_SHEET) {
            throw new IllegalArgumentException("batch: a label sheet holds at most " + MAX_LABEL_SHEET
                    + " labels; print the ZPL file for " + batch.quantity() + " units");
        }
        var gtin = new Gtin(batch.gtin());
        var lot = new LotNumber(batch.lot());
        var extra = extraField(gtin);
        write(out, w -> {
            w.write(renderer.labelSheetHead());
            units.streamBatch(batchId, s -> unchecked(() -> {
                var serial = new SerialNumber(s);
                w.write(renderer.labelSheetItem(new LabelRenderer.Label(labels.digitalLink(gtin, lot, serial), gtin,
                        lot, serial), extra == null ? null : extra.heading(),
                        extra == null ? null : extra.valueOf().apply(serial)));
            }));
            w.write(renderer.labelSheetTail());
        });
    }

    /** The extra label field of this product (the scratch-off code), or null. */
    private LabelExtras.@org.jspecify.annotations.Nullable LabelField extraField(Gtin gtin) {
        var provider = extras.getIfAvailable();
        return provider == null ? null : provider.fieldFor(gtin);
    }

    /** File name stem for downloads: {@code serials-{gtin}-{lot}}. */
    @Transactional(readOnly = true)
    public String fileStem(UUID batchId) {
        var batch = batch(batchId);
        return "serials-" + batch.gtin() + "-" + batch.lot();
    }

    private BatchView batch(UUID batchId) {
        return batches.find(batchId).map(BatchStore.BatchRow::view)
                .orElseThrow(() -> new NoSuchElementException("No serial batch " + batchId));
    }

    private BatchView completed(UUID batchId) {
        var batch = batch(batchId);
        if (batch.status() != BatchStatus.COMPLETED) {
            throw new BatchNotCompletedException(batch);
        }
        return batch;
    }

    private interface WriterBody {
        void write(Writer w) throws IOException;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void unchecked(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, WriterBody body) {
        try {
            var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            body.write(writer);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

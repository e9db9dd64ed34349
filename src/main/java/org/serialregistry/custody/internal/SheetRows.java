package org.serialregistry.custody.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads the first sheet of an .xlsx row by row with POI's SAX reader: memory stays small
 * however many rows a file has (the whole workbook is never built).
 */
public final class SheetRows {

    private SheetRows() {
    }

    /** Stops reading early (too many rows). */
    public static class StopReading extends RuntimeException {
        public StopReading() {
            super(null, null, false, false);
        }
    }

    /**
     * Calls {@code sink} with the 1-based row number and the cell texts (trimmed; "" for an empty
     * cell) of every row that has at least one cell, in order.
     *
     * @throws IllegalArgumentException "file: ..." when the bytes are not a readable .xlsx workbook
     */
    public static void read(InputStream in, int maxColumns, BiConsumer<Integer, List<String>> sink) {
        try (OPCPackage pkg = OPCPackage.open(in)) {
            var reader = new XSSFReader(pkg);
            var strings = new ReadOnlySharedStringsTable(pkg);
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new IllegalArgumentException("file: the workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                var parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
                        new XSSFSheetXMLHandler.SheetContentsHandler() {
                            private List<String> cells;
                            private int row;

                            @Override
                            public void startRow(int rowNum) {
                                row = rowNum + 1;
                                cells = new ArrayList<>();
                            }

                            @Override
                            public void endRow(int rowNum) {
                                sink.accept(row, cells);
                            }

                            @Override
                            public void cell(String ref, String value, XSSFComment comment) {
                                int col = ref == null ? cells.size() : new CellReference(ref).getCol();
                                if (col >= maxColumns) {
                                    return;
                                }
                                while (cells.size() < col) {
                                    cells.add("");
                                }
                                cells.add(value == null ? "" : value.strip());
                            }
                        }, new DataFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (StopReading stop) {
            // the sink has seen enough
        } catch (IllegalArgumentException e) {
            // ours name the file problem; POI's (not an OOXML file, zip bomb) are worded for developers
            if (e.getMessage() != null && e.getMessage().startsWith("file:")) {
                throw e;
            }
            throw new IllegalArgumentException("file: not a readable Excel workbook (.xlsx)");
        } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
            throw new IllegalArgumentException("file: not a readable Excel workbook (.xlsx)");
        } catch (Exception e) {
            throw new IllegalArgumentException("file: not a readable Excel workbook (.xlsx)");
        }
    }
}

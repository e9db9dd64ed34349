package org.serialregistry.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.InvalidInput;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products as an Excel workbook, one product a row under the header
 * {@code GTIN | Name | Category | Risk class | Intended markets | UDI-DI}. The export opens in Excel
 * and imports back unchanged. An import is all or nothing: every row is checked first, and if any
 * row is rejected, each rejected row is reported with its reason and no product is created.
 */
@Service
public class ProductWorkbook {

    public static final List<String> HEADER = List.of("GTIN", "Name", "Category", "Risk class", "Intended markets",
            "UDI-DI");
    public static final int MAX_ROWS = 10_000;
    /** The largest workbook an import takes: the screen's upload and the API refuse a larger file before reading it. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int PROGRESS_STEP = 100;

    private final MasterData masterData;
    private final AuditTrail audit;

    ProductWorkbook(MasterData masterData, AuditTrail audit) {
        this.masterData = masterData;
        this.audit = audit;
    }

    /**
     * A row that was not imported, and why: every problem of the row, as "field: problem; field:
     * problem" in {@code reason} and one by one in {@code fields}, in column order. {@code row} is the
     * row number as Excel shows it (header = 1).
     */
    public record RejectedRow(int row, String reason, List<InvalidInput.Problem> fields) {

        public RejectedRow {
            fields = List.copyOf(fields);
        }

        static RejectedRow of(int row, List<InvalidInput.Problem> problems) {
            return new RejectedRow(row, new InvalidInput(problems).getMessage(), problems);
        }
    }

    /** What an import did: products created, or (when any row was rejected) none and the reasons. */
    public record ImportResult(List<ProductView> imported, List<RejectedRow> rejected) {
        public boolean accepted() {
            return rejected.isEmpty();
        }
    }

    /** Writes every product (streaming workbook). */
    @Transactional(readOnly = true)
    public void export(OutputStream out) {
        var workbook = new SXSSFWorkbook(100);
        try {
            var sheet = workbook.createSheet("Products");
            var bold = workbook.createCellStyle();
            var font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            var text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            var header = sheet.createRow(0);
            for (int i = 0; i < HEADER.size(); i++) {
                header.createCell(i).setCellValue(HEADER.get(i));
                header.getCell(i).setCellStyle(bold);
                sheet.setColumnWidth(i, (i == 1 ? 40 : 18) * 256);
            }
            int r = 1;
            for (var p : masterData.products()) {
                var row = sheet.createRow(r++);
                row.createCell(0).setCellValue(p.gtin().value());
                row.getCell(0).setCellStyle(text); // keeps the leading zeros of GTINs
                row.createCell(1).setCellValue(p.name());
                row.createCell(2).setCellValue(p.category().label());
                row.createCell(3).setCellValue(p.riskClass().label());
                row.createCell(4).setCellValue(String.join(", ", p.intendedMarkets().stream().map(CountryCode::value)
                        .sorted().toList()));
                row.createCell(5).setCellValue(p.udiDeviceIdentifier() == null ? "" : p.udiDeviceIdentifier());
            }
            sheet.createFreezePane(0, 1);
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
        }
    }

    /**
     * Imports products from the first sheet of an .xlsx workbook. Nothing is created unless every
     * row passes; otherwise each rejected row comes back with every one of its problems.
     *
     * @throws IllegalArgumentException "file: ..." when the file is not a readable workbook with the expected
     *                                  header, or has no product rows
     */
    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public ImportResult importProducts(InputStream xlsx) {
        return importProducts(xlsx, (done, total) -> { });
    }

    /**
     * The same, telling {@code progress} how far it is (rows checked, then rows saved, out of twice
     * the row count) every {@value #PROGRESS_STEP} rows and at the end: for imports run in the background.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public ImportResult importProducts(InputStream xlsx, BiConsumer<Integer, Integer> progress) {
        var rows = read(xlsx);
        int total = rows.size() * 2;
        int done = 0;
        var rejected = new ArrayList<RejectedRow>();
        var checked = new ArrayList<MasterData.CheckedProduct>();
        var seen = new HashMap<String, Integer>();
        for (var row : rows) {
            if (++done % PROGRESS_STEP == 0) {
                progress.accept(done, total);
            }
            var problems = new ArrayList<InvalidInput.Problem>();
            var product = checked(row.cells(), problems);
            if (product != null) {
                Integer earlier = seen.putIfAbsent(product.gtin().value(), row.number());
                if (earlier != null) {
                    problems.add(new InvalidInput.Problem("gtin", product.gtin().value() + " is also in row " + earlier));
                } else {
                    checked.add(product);
                }
            }
            if (!problems.isEmpty()) {
                rejected.add(RejectedRow.of(row.number(), problems));
            }
        }
        if (!rejected.isEmpty()) {
            return new ImportResult(List.of(), rejected);
        }
        var imported = new ArrayList<ProductView>(checked.size());
        for (var product : checked) {
            imported.add(masterData.save(product));
            if (++done % PROGRESS_STEP == 0) {
                progress.accept(done, total);
            }
        }
        progress.accept(total, total);
        audit.record("products.imported", "product", "excel-import", null,
                AuditTrail.state("products", imported.size()));
        return new ImportResult(imported, List.of());
    }

    private record ParsedRow(int number, String[] cells) {
    }

    /** The fields of the columns, in column order: a row's problems are listed in this order. */
    private static final List<String> FIELDS = List.of("gtin", "name", "category", "riskClass", "intendedMarkets",
            "udiDeviceIdentifier");

    /**
     * The row's product when every check passes; else null, and every problem of the row in
     * {@code problems}: a category or risk class the sheet names wrongly, and each problem the
     * product's own checks find (the same as a product created in the form or through the API).
     */
    private MasterData.@Nullable CheckedProduct checked(String[] cells, List<InvalidInput.Problem> problems) {
        var errors = new InvalidInput.Collector();
        var category = errors.get("category", () -> category(cells[2]));
        var riskClass = errors.get("riskClass", () -> riskClass(cells[3]));
        // a cell that names no category leaves the product without one: the cell's words are kept for it
        var product = errors.get("gtin", () -> masterData.check(new NewProduct(cells[0], cells[1], category, riskClass,
                markets(cells[4]), cells[5])));
        try {
            errors.throwIfAny();
            return product;
        } catch (InvalidInput e) {
            problems.addAll(e.problems().stream().sorted(java.util.Comparator.comparingInt(p -> FIELDS.indexOf(p.field())))
                    .toList());
            return null;
        }
    }

    private static List<ParsedRow> read(InputStream xlsx) {
        try (var workbook = WorkbookFactory.create(xlsx)) {
            var sheet = workbook.getSheetAt(0);
            var format = new DataFormatter(Locale.ROOT);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            var found = new ArrayList<String>();
            for (int i = 0; header != null && i < HEADER.size(); i++) {
                found.add(format.formatCellValue(header.getCell(i)).trim());
            }
            if (!found.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()
                    .equals(HEADER.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList())) {
                throw new IllegalArgumentException("file: the first row must be the header " + String.join(" | ", HEADER)
                        + " (export the products to get a template)");
            }
            var result = new ArrayList<ParsedRow>();
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                String[] cells = new String[HEADER.size()];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = format.formatCellValue(row.getCell(c)).trim();
                }
                if (Arrays.stream(cells).allMatch(String::isEmpty)) {
                    continue;
                }
                if (result.size() >= MAX_ROWS) {
                    throw new IllegalArgumentException("file: at most " + MAX_ROWS + " products an import");
                }
                result.add(new ParsedRow(r + 1, cells));
            }
            if (result.isEmpty()) {
                throw new IllegalArgumentException("file: no product rows under the header");
            }
            return result;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("file:")) {
                throw iae;
            }
            throw new IllegalArgumentException("file: not a readable Excel workbook (.xlsx)", e);
        }
    }

    private static @Nullable ProductCategory category(String text) {
        if (text.isEmpty()) {
            return null;
        }
        return Arrays.stream(ProductCategory.values())
                .filter(c -> c.name().equalsIgnoreCase(text.replace(' ', '_')) || c.label().equalsIgnoreCase(text))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("category: '" + text
                        + "' is not Electronics, Medical device or Automotive"));
    }

    private static @Nullable RiskClass riskClass(String text) {
        if (text.isEmpty()) {
            return RiskClass.STANDARD;
        }
        return Arrays.stream(RiskClass.values())
                .filter(c -> c.name().equalsIgnoreCase(text.replace(' ', '_')) || c.label().equalsIgnoreCase(text))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("riskClass: '" + text
                        + "' is not Standard or High value"));
    }

    private static java.util.Set<String> markets(String text) {
        var set = new LinkedHashSet<String>();
        for (String part : text.split("[,;\\s]+")) {
            if (!part.isBlank()) {
                set.add(part.trim().toUpperCase(Locale.ROOT));
            }
        }
        return set;
    }
}

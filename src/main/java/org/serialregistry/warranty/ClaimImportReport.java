package org.serialregistry.warranty;

import java.util.List;

/**
 * The result of an Excel claim upload: all rows were imported, or none (then {@code problems}
 * names each bad row).
 */
public record ClaimImportReport(boolean imported, int rows, List<RowProblem> problems, List<ClaimResult> results) {

    /** A row that stopped the import; {@code row} is the spreadsheet row number (header is row 1). */
    public record RowProblem(int row, String message) {
    }
}

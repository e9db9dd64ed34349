package org.serialregistry.warranty;

import java.util.List;

import org.serialregistry.shared.InvalidInput;
import org.serialregistry.warranty.internal.ClaimWorkbook;

/**
 * The result of an Excel claim upload: all rows were imported, or none (then {@code problems}
 * names each bad row).
 */
public record ClaimImportReport(boolean imported, int rows, List<RowProblem> problems, List<ClaimResult> results) {

    /**
     * A row that stopped the import; {@code row} is the spreadsheet row number (header is row 1).
     *
     * @param message every problem of the row in the sheet's words ("Defect code: ...; Claimant email: ...")
     * @param fields  the same problems by the claim's field names ({@code defectCode}, as the API's claim has them)
     */
    public record RowProblem(int row, String message, List<InvalidInput.Problem> fields) {

        public RowProblem {
            fields = List.copyOf(fields);
        }

        /** The problems an exception carries about a row, in the sheet's words and by field. */
        public static RowProblem of(int row, RuntimeException e) {
            return new RowProblem(row, ClaimWorkbook.inColumnWords(e), InvalidInput.of(e));
        }
    }
}

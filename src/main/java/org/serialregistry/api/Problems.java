package org.serialregistry.api;

import java.util.List;

import org.serialregistry.shared.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem documents the same way across controllers. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    /**
     * A 400 for a validation message; "field: what is wrong" (or "field must ...") puts the field
     * name into the {@code field} property so clients can point at it.
     */
    public static ProblemDetail badRequest(String message) {
        var p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        p.setTitle("Invalid request");
        String field = fieldOf(message);
        if (field != null) {
            p.setProperty("field", field);
        }
        return p;
    }

    /**
     * A row of an upload that stopped it: its row number as the spreadsheet shows it (the header is
     * row 1), its problems in the words the portal shows them, and the same problems by field.
     */
    public record RejectedRow(int row, String message, List<InvalidInput.Problem> fields) {

        public RejectedRow {
            fields = List.copyOf(fields);
        }
    }

    /**
     * The 400 of an all-or-nothing upload that had bad rows, nothing written: every bad row at once in
     * {@code rows}, the {@code detail} "row 3: ...; row 4: ...", and {@code field} "file".
     */
    public static ProblemDetail rowsRejected(List<RejectedRow> rows) {
        var problem = of(HttpStatus.BAD_REQUEST, String.join("; ", rows.stream()
                .map(r -> "row " + r.row() + ": " + r.message()).toList()));
        problem.setTitle("Nothing was imported: " + rows.size() + " row(s) to correct");
        problem.setProperty("field", "file");
        problem.setProperty("rows", rows);
        return problem;
    }

    static String fieldOf(String message) {
        if (message == null) {
            return null;
        }
        int colon = message.indexOf(':');
        String head = colon > 0 ? message.substring(0, colon) : message.split(" ")[0];
        return head.matches("[A-Za-z][A-Za-z0-9_./\\[\\]-]{0,63}") ? head : null;
    }
}

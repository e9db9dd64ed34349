package org.serialregistry.api;

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

    static String fieldOf(String message) {
        if (message == null) {
            return null;
        }
        int colon = message.indexOf(':');
        String head = colon > 0 ? message.substring(0, colon) : message.split(" ")[0];
        return head.matches("[A-Za-z][A-Za-z0-9_./\\[\\]-]{0,63}") ? head : null;
    }
}

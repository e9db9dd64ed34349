package org.serialregistry.epcis;

import java.util.List;

/** A capture document that GS1's EPCIS 2.0 JSON schema refuses; nothing was stored. */
public class EpcisDocumentInvalidException extends IllegalArgumentException {

    private final List<String> problems;

    public EpcisDocumentInvalidException(List<String> problems) {
        super(problems.getFirst() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    /** Every problem the schema found, one line each ("eventList[0].eventTime: ..."). */
    public List<String> problems() {
        return problems;
    }
}

package org.serialregistry.counterfeit;

import org.serialregistry.shared.NumericId;

/**
 * An alert case's id as other modules hold it: forensics passes the open cases of a suspect unit on
 * in its pre-checks ({@code PreChecks.openCases}) and shows them beside the submission it reviews. The
 * REST API and the case pages name a case by this number ({@code /api/v1/alert-cases/{id}}).
 */
public record AlertCaseId(long value) implements NumericId {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

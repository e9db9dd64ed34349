package org.serialregistry.epcis;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one capture ({@code POST /epcis/capture}): all events of the document applied, or none.
 *
 * @param eventCount     events in the document
 * @param appliedCount   events stored (and applied to custody where they concern our units)
 * @param duplicateCount events already captured before (same event hash), skipped
 * @param errors         why the document was refused, one line per problem (empty on success)
 * @param party          the party the capturing caller acts for (null for administrators and channel managers)
 */
public record CaptureJob(String id, CaptureStatus status, Instant capturedAt, String capturedBy, @Nullable String party,
                         int eventCount, int appliedCount, int duplicateCount, List<String> errors) {

    /** Whether a capture went through. */
    public enum CaptureStatus {
        SUCCEEDED, FAILED
    }
}

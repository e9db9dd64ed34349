package org.serialregistry.lifecycle;

import java.time.Instant;

/** The evidence of an end of life as stored; {@code reference} (EV-12) is what the event names. */
public record EvidenceView(long id, String reference, String filename, String contentType, int sizeBytes, String sha256,
                           int unitCount, String recordedBy, Instant recordedAt) {
}

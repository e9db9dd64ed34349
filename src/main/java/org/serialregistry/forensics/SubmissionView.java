package org.serialregistry.forensics;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A stored submission with its photos and, once signed, its current verdict. */
public record SubmissionView(long id, String serial, @Nullable String gtin, SerialSource serialSource,
                             String foundWhere, String receivedFrom, @Nullable String measurements,
                             @Nullable String hologramReading, @Nullable String nfcReading, @Nullable String note,
                             String submittedBy, Instant submittedAt, List<PhotoView> photos,
                             @Nullable SignedVerdict currentVerdict) {
}

package org.serialregistry.warranty;

import java.time.Instant;

/** An uploaded file (claim evidence or proof of purchase); its content is fetched separately. */
public record EvidenceFile(long id, String filename, String contentType, int sizeBytes, String sha256,
                           String uploadedBy, Instant uploadedAt) {
}

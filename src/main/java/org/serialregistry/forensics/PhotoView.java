package org.serialregistry.forensics;

/** A stored photo of a submission (without its bytes). */
public record PhotoView(long id, String filename, String contentType, int sizeBytes, int width, int height,
                        String sha256) {
}

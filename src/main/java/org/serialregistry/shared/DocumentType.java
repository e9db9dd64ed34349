package org.serialregistry.shared;

import org.jspecify.annotations.Nullable;

/**
 * The type of an uploaded document (proof of purchase, claim evidence, certificate of destruction),
 * told by its bytes, not by its name: PNG, JPEG or PDF, at most {@link #MAX_BYTES}.
 */
public final class DocumentType {

    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private DocumentType() {
    }

    /** The content type the bytes show, or a refusal naming the field. */
    public static String of(String field, byte @Nullable [] content) {
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException(field + ": the file is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException(field + ": the file has " + content.length / 1024
                    + " KB; at most 5 MB (5120 KB) are accepted");
        }
        if (startsWith(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(content, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        throw new IllegalArgumentException(field + ": only PNG, JPEG or PDF files are accepted; this file is none of them");
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

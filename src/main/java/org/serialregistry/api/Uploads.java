package org.serialregistry.api;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;

/**
 * The checks an upload endpoint makes before it reads a byte: the form part {@code file} is there,
 * and it is no larger than what the portal's upload of the same file takes (the multipart limit is
 * for every request; this one is the file's own).
 */
public final class Uploads {

    private Uploads() {
    }

    /**
     * @param what    what to send, in words ("the claims workbook (.xlsx)")
     * @param maxBytes the portal's limit for this file
     * @throws IllegalArgumentException "file: ..." when the part is missing, empty or too large
     */
    public static MultipartFile required(@Nullable MultipartFile file, String what, int maxBytes) {
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("file: send " + what + " as the form part \"file\"");
        }
        if (file.getSize() > maxBytes) {
            throw new IllegalArgumentException("file: at most " + maxBytes / (1024 * 1024) + " MB, as the portal's upload; got "
                    + String.format(Locale.ROOT, "%.1f", file.getSize() / (1024.0 * 1024)) + " MB");
        }
        return file;
    }
}

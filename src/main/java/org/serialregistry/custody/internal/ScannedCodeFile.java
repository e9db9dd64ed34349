package org.serialregistry.custody.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The codes of a file a receiving party uploads (the portal's receipt upload and the API's): an .xlsx
 * is read by its first column, any other file as text with one code per line (or separated by commas,
 * semicolons or tabs); a first cell "serial" is the header. Each code is checked later, as a scanned one.
 */
public final class ScannedCodeFile {

    /** The largest file taken (the portal's upload limit). */
    public static final long MAX_BYTES = 20L * 1024 * 1024;

    private ScannedCodeFile() {
    }

    /** @throws IllegalArgumentException "file: ..." for a workbook that cannot be read */
    public static List<String> read(String fileName, byte[] bytes) {
        var read = new ArrayList<String>();
        if (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            SheetRows.read(new ByteArrayInputStream(bytes), 1, (row, cells) -> {
                if (!cells.isEmpty() && !cells.getFirst().isBlank()) {
                    read.add(cells.getFirst());
                }
            });
        } else {
            Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("[\\r\\n,;\\t]+"))
                    .map(String::strip).filter(s -> !s.isEmpty()).forEach(read::add);
        }
        if (!read.isEmpty() && read.getFirst().equalsIgnoreCase("serial")) {
            read.removeFirst();
        }
        return read;
    }
}

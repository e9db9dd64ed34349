package org.serialregistry.epcis.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example documents of the EPCIS 2.0 standard (github.com/gs1/EPCIS, folder JSON; the commit is in
 * src/test/resources/epcis/gs1-examples/SOURCE.txt).
 */
public final class Gs1Examples {

    public static final Path FOLDER = Path.of("src/test/resources/epcis/gs1-examples");

    private Gs1Examples() {
    }

    public static List<Path> all() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(f -> f.toString().endsWith(".jsonld")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.serialregistry.shape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A class over 400 lines says at its top why it is that long and what to split out first (the
 * house rule in the README's shape section): a newcomer should not have to guess whether it grew by
 * accident. Found when two classes grew past 400 lines without a word.
 */
class LongClassesSayWhyTest {

    @Test
    void everyMainClassOver400LinesSaysWhyAndWhatToSplitFirst() throws IOException {
        var silent = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var lines = Files.readAllLines(file);
                if (lines.size() <= 400) {
                    continue;
                }
                String text = String.join("\n", lines);
                if (!text.contains("Over 400 lines") || !java.util.regex.Pattern.compile("(?si)Over 400 lines.{0,600}?split").matcher(text).find()) {
                    silent.add(file + " (" + lines.size() + " lines)");
                }
            }
        }
        assertThat(silent).as("classes over 400 lines without 'Over 400 lines ...' and what to split first").isEmpty();
    }
}

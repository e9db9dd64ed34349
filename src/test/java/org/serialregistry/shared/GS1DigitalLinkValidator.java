package org.serialregistry.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GS1's own Digital Link validator, the npm package {@code digital-link.js}, run with Node.js. The
 * package is installed once into {@code target/gs1-tools} from the npm registry. Node.js and npm are
 * required, never skipped: {@code apt-get install nodejs npm}, or let {@code .ci/run} do it.
 */
public final class GS1DigitalLinkValidator {

    public static final String PACKAGE = "digital-link.js@1.4.3";
    private static final Path TOOLS = Path.of("target", "gs1-tools").toAbsolutePath();

    private GS1DigitalLinkValidator() {
    }

    /** One line per URI: {@code true}, {@code false}, or {@code error: <message>} as the validator answers. */
    public static synchronized List<String> validate(List<String> uris) throws IOException, InterruptedException {
        install();
        Path input = Files.createTempFile("digital-links", ".txt");
        try {
            Files.write(input, uris, StandardCharsets.UTF_8);
            String script = """
                    const { DigitalLink } = require('digital-link.js');
                    const lines = require('fs').readFileSync(process.argv[1], 'utf8').split('\\n').filter(l => l.length);
                    for (const uri of lines) {
                      try { console.log(String(DigitalLink(uri).isValid())); }
                      catch (e) { console.log('error: ' + e.message); }
                    }""";
            var out = run(List.of("node", "-e", script, input.toString()));
            return out.lines().toList();
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private static void install() throws IOException, InterruptedException {
        if (Files.isDirectory(TOOLS.resolve("node_modules/digital-link.js"))) {
            return;
        }
        Files.createDirectories(TOOLS);
        run(List.of("npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", TOOLS.toString(), PACKAGE));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return run(TOOLS, command);
    }

    /** Runs node or npm in a folder; fails with its output when it fails (shared by GS1's npm tools). */
    static String run(Path folder, List<String> command) throws IOException, InterruptedException {
        var cmd = new ArrayList<>(command);
        Process process;
        try {
            process = new ProcessBuilder(cmd).directory(folder.toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new IllegalStateException(cmd.getFirst() + " is required for GS1's validators: "
                    + "apt-get install nodejs npm", notInstalled);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd.subList(0, 2)) + " failed: " + out);
        }
        return out;
    }
}

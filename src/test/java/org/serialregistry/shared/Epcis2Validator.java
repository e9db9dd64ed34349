package org.serialregistry.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * GS1's npm package {@code epcis2.js} ({@code validateEpcisDocument}), run with Node.js, as an
 * independent check of our EPCIS 2.0 documents. It is installed once into {@code target/epcis2-js}; its
 * placeholder dependency {@code fs@0.0.1-security} is not served by the registry, so an {@code overrides}
 * entry points it at an empty local package (README, "EPCIS check with an independent validator").
 */
public final class Epcis2Validator {

    public static final String PACKAGE = "epcis2.js@2.7.3";
    private static final Path TOOLS = Path.of("target", "epcis2-js").toAbsolutePath();

    private Epcis2Validator() {
    }

    /** {@code valid}, or {@code invalid: <the validator's message>}. */
    public static synchronized String validate(String document) throws IOException, InterruptedException {
        install();
        Path input = Files.createTempFile("epcis-document", ".jsonld");
        try {
            Files.writeString(input, document, StandardCharsets.UTF_8);
            String script = """
                    const { validateEpcisDocument } = require('epcis2.js');
                    const doc = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
                    try { validateEpcisDocument(doc, true); console.log('valid'); }
                    catch (e) { console.log('invalid: ' + e.message); }""";
            return GS1DigitalLinkValidator.run(TOOLS, List.of("node", "-e", script, input.toString())).strip();
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private static void install() throws IOException, InterruptedException {
        if (Files.isDirectory(TOOLS.resolve("node_modules/epcis2.js"))) {
            return;
        }
        Files.createDirectories(TOOLS.resolve("empty-fs"));
        Files.writeString(TOOLS.resolve("empty-fs/package.json"), "{\"name\":\"fs\",\"version\":\"0.0.1-security\"}");
        Files.writeString(TOOLS.resolve("package.json"),
                "{\"name\":\"epcis2-check\",\"private\":true,\"overrides\":{\"fs\":\"file:./empty-fs\"}}");
        GS1DigitalLinkValidator.run(TOOLS, List.of("npm", "install", "--no-audit", "--no-fund", "--silent", PACKAGE));
    }
}

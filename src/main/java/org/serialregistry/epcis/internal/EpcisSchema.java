package org.serialregistry.epcis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * GS1's official EPCIS 2.0 JSON schema ({@code EPCIS-JSON-Schema.json} of github.com/gs1/EPCIS, draft-07,
 * all definitions inline), loaded once from the classpath. It checks a whole capture document (every
 * event in it), and our own query answers in the tests.
 */
@Component
public class EpcisSchema {

    static final String RESOURCE = "/epcis/EPCIS-JSON-Schema.json";
    private static final int MAX_ERRORS = 50;

    private final Schema schema;

    public EpcisSchema() {
        try (InputStream in = EpcisSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("EPCIS JSON schema missing from the classpath: " + RESOURCE);
            }
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the schema finds wrong, one line each ("eventList[2].eventTime: ..."), at most 50; empty when
     * the document is valid.
     */
    public List<String> problems(JsonNode document) {
        var lines = new LinkedHashSet<String>();
        for (var error : schema.validate(document)) {
            String where = readable(error.getInstanceLocation().toString());
            String text = (where.isEmpty() ? "document" : where) + ": " + error.getMessage();
            lines.add(text);
            if (lines.size() == MAX_ERRORS) {
                break;
            }
        }
        return List.copyOf(lines);
    }

    /** "/epcisBody/eventList/1/eventTime" (or "$.epcisBody.eventList[1].eventTime") as "eventList[1].eventTime". */
    static String readable(String location) {
        var out = new StringBuilder();
        String path = location.startsWith("$") ? location.substring(1).replace("[", ".").replace("]", "").replace('.', '/')
                : location;
        for (String part : path.split("/")) {
            if (part.isEmpty() || out.isEmpty() && part.equals("epcisBody")) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }
}

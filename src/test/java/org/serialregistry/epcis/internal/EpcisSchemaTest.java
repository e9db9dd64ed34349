package org.serialregistry.epcis.internal;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** GS1's own schema accepts GS1's own examples, and refuses a broken event naming where it is broken. */
class EpcisSchemaTest {

    final EpcisSchema schema = new EpcisSchema();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyExampleDocumentOfTheStandardIsValid() {
        var examples = Gs1Examples.all();
        assertThat(examples).hasSizeGreaterThan(40);
        for (var file : examples) {
            assertThat(schema.problems(json.readTree(Gs1Examples.read(file)))).as(file.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void anEventWithANumberAsEventTimeIsRefusedWithItsPlace() {
        var doc = (ObjectNode) json.readTree(Gs1Examples.read(Gs1Examples.FOLDER.resolve("Example_9.6.1-ObjectEvent.jsonld")));
        ((ObjectNode) doc.get("epcisBody").get("eventList").get(1)).put("eventTime", 20050404);
        var problems = schema.problems(doc);
        assertThat(problems).isNotEmpty();
        assertThat(problems).anyMatch(p -> p.contains("eventList[1].eventTime"));
    }
}

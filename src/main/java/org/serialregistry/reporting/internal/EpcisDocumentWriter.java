package org.serialregistry.reporting.internal;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

import org.serialregistry.custody.CustodyMovement;
import org.serialregistry.custody.PartyView;
import org.serialregistry.shared.DigitalLink;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams custody rows as an EPCIS 2.0 JSON-LD document: one ObjectEvent per lifecycle event
 * (consecutive rows of the same event share it), EPCs as GS1 Digital Link URIs. Rows must come in
 * event order. Written with a streaming generator: memory does not grow with the document.
 */
public final class EpcisDocumentWriter implements AutoCloseable {

    public static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    public static final String EPC_HOST = "https://id.gs1.org";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JsonGenerator json;
    private long currentEvent = -1;
    private long rows;
    private long events;

    public EpcisDocumentWriter(OutputStream out, Instant created) {
        json = MAPPER.createGenerator(out);
        json.writeStartObject();
        json.writeName("@context");
        json.writeStartArray();
        json.writeString(CONTEXT);
        json.writeEndArray();
        json.writeStringProperty("type", "EPCISDocument");
        json.writeStringProperty("schemaVersion", "2.0");
        json.writeStringProperty("creationDate", created.toString());
        json.writeName("epcisBody");
        json.writeStartObject();
        json.writeName("eventList");
        json.writeStartArray();
    }

    public void add(CustodyMovement m) {
        if (m.eventId().value() != currentEvent) {
            if (currentEvent != -1) {
                json.writeEndArray();   // epcList
                json.writeEndObject();  // event
            }
            startEvent(m);
            currentEvent = m.eventId().value();
            events++;
        }
        json.writeString(DigitalLink.uri(EPC_HOST, new Gtin(m.gtin()), null, new SerialNumber(m.serial())));
        rows++;
    }

    private void startEvent(CustodyMovement m) {
        json.writeStartObject();
        json.writeStringProperty("type", "ObjectEvent");
        json.writeStringProperty("eventTime", m.eventTime().toString());
        json.writeStringProperty("eventTimeZoneOffset", "+00:00");
        json.writeStringProperty("action", "OBSERVE");
        json.writeStringProperty("bizStep", m.bizStep().cbv());
        if (m.disposition() != null) {
            json.writeStringProperty("disposition", m.disposition().cbv());
        }
        if (m.place() != null) {
            json.writeName("readPoint");
            json.writeStartObject();
            json.writeStringProperty("id", m.place());
            json.writeEndObject();
        }
        var refs = parse(m.references());
        if (!refs.isEmpty()) {
            json.writeName("bizTransactionList");
            json.writeStartArray();
            refs.forEach((type, id) -> {
                json.writeStartObject();
                json.writeStringProperty("type", type);
                json.writeStringProperty("bizTransaction", "urn:serial-registry:bt:" + type + ":" + id);
                json.writeEndObject();
            });
            json.writeEndArray();
        }
        if (m.fromParty() != null) {
            json.writeName("sourceList");
            json.writeStartArray();
            json.writeStartObject();
            json.writeStringProperty("type", "owning_party");
            json.writeStringProperty("source", PartyView.urnOf(m.fromParty()));
            json.writeEndObject();
            json.writeEndArray();
        }
        if (m.toParty() != null) {
            json.writeName("destinationList");
            json.writeStartArray();
            json.writeStartObject();
            json.writeStringProperty("type", "owning_party");
            json.writeStringProperty("destination", PartyView.urnOf(m.toParty()));
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeName("epcList");
        json.writeStartArray();
    }

    private static Map<String, String> parse(String refs) {
        var map = new java.util.LinkedHashMap<String, String>();
        if (refs != null) {
            for (String part : refs.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    map.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return map;
    }

    public long rows() {
        return rows;
    }

    public long events() {
        return events;
    }

    /** Closes the open event, the event list and the document. */
    public void finish() {
        if (currentEvent != -1) {
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
    }

    @Override
    public void close() {
        json.close();
    }
}

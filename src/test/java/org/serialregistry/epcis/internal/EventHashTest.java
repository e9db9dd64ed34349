package org.serialregistry.epcis.internal;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Two partners describing the same event differently get the same event hash; a different event does not. */
class EventHashTest {

    final JsonMapper json = JsonMapper.builder().build();

    String hash(String event) {
        return EventHash.of(json.readTree(event));
    }

    static final String URN_FORM = """
            {"type": "ObjectEvent", "eventTime": "2005-04-03T20:33:31.116-06:00", "eventTimeZoneOffset": "-06:00",
             "epcList": ["urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:0614141.107346.2018"],
             "action": "OBSERVE", "bizStep": "urn:epcglobal:cbv:bizstep:shipping",
             "disposition": "urn:epcglobal:cbv:disp:in_transit", "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.1234"},
             "bizTransactionList": [{"type": "urn:epcglobal:cbv:btt:po", "bizTransaction": "http://transaction.acme.com/po/12345678"}],
             "eventID": "ni:///sha-256;abc?ver=CBV2.0", "recordTime": "2005-04-04T02:33:32Z"}""";

    @Test
    void digitalLinksBareCbvNamesAnotherZoneAndAnotherOrderHashTheSame() {
        String other = """
                {"bizStep": "shipping", "disposition": "in_transit", "type": "ObjectEvent", "action": "OBSERVE",
                 "eventTime": "2005-04-04T02:33:31.116Z", "eventTimeZoneOffset": "-06:00",
                 "epcList": ["https://id.gs1.org/01/10614141073464/21/2018", "https://example.com/01/10614141073464/21/2017"],
                 "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.1234"},
                 "bizTransactionList": [{"bizTransaction": "http://transaction.acme.com/po/12345678", "type": "po"}]}""";
        assertThat(hash(other)).isEqualTo(hash(URN_FORM)).startsWith("ni:///sha-256;").endsWith("?ver=CBV2.0");
    }

    @Test
    void anotherSerialOrAnotherTimeIsAnotherEvent() {
        assertThat(hash(URN_FORM.replace(".2018", ".2019"))).isNotEqualTo(hash(URN_FORM));
        assertThat(hash(URN_FORM.replace("31.116", "31.117"))).isNotEqualTo(hash(URN_FORM));
        assertThat(hash(URN_FORM.replace("bizstep:shipping", "bizstep:receiving"))).isNotEqualTo(hash(URN_FORM));
    }

    @Test
    void anErrorDeclarationHashesLikeTheEventItDeclares() {
        String declared = URN_FORM.replace("\"action\"", "\"errorDeclaration\": {\"declarationTime\": \"2005-05-01T00:00:00Z\"}, \"action\"");
        assertThat(hash(declared)).isEqualTo(hash(URN_FORM));
    }
}

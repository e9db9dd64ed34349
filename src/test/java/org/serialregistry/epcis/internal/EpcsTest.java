package org.serialregistry.epcis.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** EPC URNs and Digital Links of the same item meet in one canonical form (EPC TDS 2.0 examples). */
class EpcsTest {

    @Test
    void sgtinAndSsccUrnsBecomeDigitalLinks() {
        assertThat(Epcs.canonical("urn:epc:id:sgtin:0614141.107346.2017"))
                .isEqualTo("https://id.gs1.org/01/10614141073464/21/2017");
        assertThat(Epcs.canonical("urn:epc:id:sgtin:9506000.013435.ABC123"))
                .isEqualTo("https://id.gs1.org/01/09506000134352/21/ABC123");
        assertThat(Epcs.canonical("urn:epc:id:sscc:0614141.1234567890"))
                .isEqualTo("https://id.gs1.org/00/106141412345678908");
        assertThat(Epcs.canonical("https://example.com/01/09506000134352/10/L1/21/ABC123?17=270101"))
                .isEqualTo("https://id.gs1.org/01/09506000134352/21/ABC123");
        assertThat(Epcs.canonical("urn:epc:id:sgln:0614141.07346.1234")).isEqualTo("urn:epc:id:sgln:0614141.07346.1234");
    }
}

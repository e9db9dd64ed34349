package org.serialregistry.audit.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A cell a spreadsheet would run as a formula is written as text; commas and quotes are quoted (RFC 4180). */
class AuditCsvWriterTest {

    @Test
    void formulasAreDisarmedAndSeparatorsQuoted() {
        assertThat(AuditCsvWriter.quote("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(AuditCsvWriter.quote("-1+2")).isEqualTo("'-1+2");
        assertThat(AuditCsvWriter.quote("status: A, b")).isEqualTo("\"status: A, b\"");
        assertThat(AuditCsvWriter.quote("plain")).isEqualTo("plain");
    }
}

package org.serialregistry.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.serialregistry.audit.internal.AuditCsvWriter;
import org.serialregistry.audit.internal.AuditSearchStore;
import org.serialregistry.audit.internal.AuditXlsxWriter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail exported for auditors, streamed as it is read (CSV, or Excel through POI's streaming
 * workbook): one row per entry, newest first, with readable timestamps (UTC) and the changes in words
 * next to the raw before and after states.
 */
@Service
public class AuditExports {

    public static final String[] HEADERS = {"Entry", "When (UTC)", "Who", "Action", "Entity type", "Entity",
            "Changes", "Before", "After"};

    private final AuditSearchStore search;

    AuditExports(AuditSearchStore search) {
        this.search = search;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public void write(AuditQuery query, AuditExportFormat format, OutputStream out) {
        try {
            if (format == AuditExportFormat.CSV) {
                var csv = new AuditCsvWriter(out);
                search.stream(query, csv::write);
                csv.finish();
            } else {
                try (var xlsx = new AuditXlsxWriter()) {
                    search.stream(query, xlsx::write);
                    xlsx.finish(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.serialregistry.audit.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.serialregistry.audit.AuditChange;
import org.serialregistry.audit.AuditRecord;

/** One audit entry as the cells of an export row, in {@code AuditExports.HEADERS} order. */
final class AuditCells {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private AuditCells() {
    }

    static String[] of(AuditRecord r) {
        return new String[] {Long.toString(r.id()), WHEN.format(r.occurredAt()), r.actor(), r.action(), r.subjectType(),
                r.subjectId(), AuditChange.describe(AuditChange.between(r.before(), r.after())).replace("\n", "; "),
                AuditChange.readable(r.before()), AuditChange.readable(r.after())};
    }
}

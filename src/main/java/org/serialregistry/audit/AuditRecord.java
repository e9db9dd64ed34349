package org.serialregistry.audit;

import java.time.Instant;

/** One entry of the audit trail as readers see it. */
public record AuditRecord(long id, Instant occurredAt, String actor, String action, String subjectType,
                          String subjectId, String before, String after) {
}

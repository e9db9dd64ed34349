package org.serialregistry.audit.internal;

import org.springframework.data.repository.Repository;

/** Insert only (reads go through {@link AuditSearchStore}): no update or delete method exists. */
public interface AuditEntryRepository extends Repository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);
}

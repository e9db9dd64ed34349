package org.serialregistry.audit.internal;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Insert and read only: no update or delete method exists. */
public interface AuditEntryRepository extends Repository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);

    @Query("""
            select e from AuditEntry e
            where :text is null or lower(e.actor) like :text or lower(e.action) like :text
               or lower(e.subjectType) like :text or lower(e.subjectId) like :text
            order by e.occurredAt desc, e.id desc""")
    List<AuditEntry> search(@Param("text") String text, Pageable page);

    @Query("""
            select count(e) from AuditEntry e
            where :text is null or lower(e.actor) like :text or lower(e.action) like :text
               or lower(e.subjectType) like :text or lower(e.subjectId) like :text""")
    long countSearch(@Param("text") String text);
}

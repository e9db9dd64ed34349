package org.serialregistry.audit.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.serialregistry.audit.AuditRecord;

@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(name = "subject_type", nullable = false, updatable = false)
    private String subjectType;

    @Column(name = "subject_id", nullable = false, updatable = false)
    private String subjectId;

    @Column(name = "before_state", updatable = false)
    private String beforeState;

    @Column(name = "after_state", updatable = false)
    private String afterState;

    protected AuditEntry() {
    }

    public AuditEntry(Instant occurredAt, String actor, String action, String subjectType, String subjectId,
                      String beforeState, String afterState) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        this.beforeState = beforeState;
        this.afterState = afterState;
    }

    public AuditRecord toRecord() {
        return new AuditRecord(id, occurredAt, actor, action, subjectType, subjectId, beforeState, afterState);
    }
}

package org.serialregistry.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Filter for reading the audit trail; blank fields and nulls match everything.
 *
 * @param text       matched (case-insensitively) against actor, action, subject type and subject id
 * @param from       entries at or after this instant
 * @param to         entries before this instant
 * @param actor      part of the actor's name (case-insensitive): {@code distributor}, {@code api-key:demodist}
 * @param entityType the subject type, exactly (case-insensitive): {@code shipment}, {@code claim}
 * @param entityId   the subject id, exactly
 * @param action     the action or its start (case-insensitive): {@code custody.received}, {@code custody.}
 */
public record AuditQuery(@Nullable String text, @Nullable Instant from, @Nullable Instant to, @Nullable String actor,
                         @Nullable String entityType, @Nullable String entityId, @Nullable String action) {

    public AuditQuery(@Nullable String text) {
        this(text, null, null, null, null, null, null);
    }

    public static AuditQuery all() {
        return new AuditQuery(null);
    }
}

package org.serialregistry.audit;

/**
 * Filter for reading the audit trail; blank fields match everything.
 *
 * @param text matched (case-insensitively) against actor, action, subject type and subject id
 */
public record AuditQuery(String text) {

    public static AuditQuery all() {
        return new AuditQuery(null);
    }
}

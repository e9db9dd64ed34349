package org.serialregistry.audit.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditQuery;
import org.serialregistry.audit.AuditRecord;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the audit trail with every filter of {@link AuditQuery}, newest first, by page or streamed. */
@Repository
public class AuditSearchStore {

    private static final String COLUMNS = "select id, occurred_at, actor, action, subject_type, subject_id, "
            + "before_state, after_state from audit_entry";

    private final JdbcClient jdbc;

    AuditSearchStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Where(String sql, List<Object> params) {
    }

    public List<AuditRecord> find(AuditQuery q, long offset, int limit) {
        var w = where(q);
        return jdbc.sql(COLUMNS + w.sql() + " order by occurred_at desc, id desc offset " + offset + " rows fetch next "
                + limit + " rows only").params(w.params()).query(Rows.of(Row.class)).list().stream().map(Row::toRecord).toList();
    }

    public long count(AuditQuery q) {
        var w = where(q);
        return jdbc.sql("select count(*) from audit_entry" + w.sql()).params(w.params()).query(Long.class).single();
    }

    /** Every matching entry, newest first, without holding them all in memory. */
    public void stream(AuditQuery q, Consumer<AuditRecord> sink) {
        var w = where(q);
        try (var rows = jdbc.sql(COLUMNS + w.sql() + " order by occurred_at desc, id desc").params(w.params())
                .withFetchSize(500).query(Rows.of(Row.class)).stream()) {
            rows.map(Row::toRecord).forEach(sink);
        }
    }

    /** The row as stored (the timestamp column read as an offset date-time on both databases). */
    record Row(long id, OffsetDateTime occurredAt, String actor, String action, String subjectType, String subjectId,
               @Nullable String beforeState, @Nullable String afterState) {
        AuditRecord toRecord() {
            return new AuditRecord(id, occurredAt.toInstant(), actor, action, subjectType, subjectId, beforeState,
                    afterState);
        }
    }

    private static Where where(AuditQuery q) {
        var sql = new StringBuilder(" where 1 = 1");
        var params = new ArrayList<Object>();
        String text = blankToNull(q.text());
        if (text != null) {
            sql.append(" and (lower(actor) like ? or lower(action) like ? or lower(subject_type) like ? "
                    + "or lower(subject_id) like ?)");
            String like = "%" + text.toLowerCase() + "%";
            params.addAll(List.of(like, like, like, like));
        }
        if (q.from() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and occurred_at < ?");
            params.add(utc(q.to()));
        }
        if (blankToNull(q.actor()) != null) {
            sql.append(" and lower(actor) like ?");
            params.add("%" + q.actor().trim().toLowerCase() + "%");
        }
        if (blankToNull(q.entityType()) != null) {
            sql.append(" and lower(subject_type) = ?");
            params.add(q.entityType().trim().toLowerCase());
        }
        if (blankToNull(q.entityId()) != null) {
            sql.append(" and subject_id = ?");
            params.add(q.entityId().trim());
        }
        if (blankToNull(q.action()) != null) {
            sql.append(" and lower(action) like ?");
            params.add(q.action().trim().toLowerCase() + "%");
        }
        return new Where(sql.toString(), params);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

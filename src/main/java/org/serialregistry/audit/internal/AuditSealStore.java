package org.serialregistry.audit.internal;

import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Seals of the audit trail (the keyed chain) and its head row. */
@Repository
public class AuditSealStore {

    /** How far below the newest sealed entry id the sealer still looks for late commits. */
    static final long LOOKBACK = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    AuditSealStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public record Head(long lastSeq, String lastMac) {
    }

    /** An audit entry as the MAC covers it. */
    public record Entry(long id, OffsetDateTime occurredAt, String actor, String action, String subjectType,
                        String subjectId, @Nullable String beforeState, @Nullable String afterState) {
    }

    /** A seal joined with its entry (null fields when the entry is gone). */
    public record SealedEntry(long seq, long entryId, int macKey, String prevMac, String mac, @Nullable Long id,
                              @Nullable OffsetDateTime occurredAt, @Nullable String actor, @Nullable String action,
                              @Nullable String subjectType, @Nullable String subjectId, @Nullable String beforeState,
                              @Nullable String afterState) {
        public Entry entry() {
            return new Entry(entryId, occurredAt, actor, action, subjectType, subjectId, beforeState, afterState);
        }
    }

    public Head lockHead() {
        return jdbc.sql("select last_seq, last_mac from audit_chain_head where id = 1 for update").query(Rows.of(Head.class)).single();
    }

    public Head head() {
        return jdbc.sql("select last_seq, last_mac from audit_chain_head where id = 1").query(Rows.of(Head.class)).single();
    }

    public List<Entry> unsealed() {
        return jdbc.sql("""
                select e.id, e.occurred_at, e.actor, e.action, e.subject_type, e.subject_id, e.before_state, e.after_state
                from audit_entry e
                where e.id > (select coalesce(max(entry_id), 0) from audit_seal) - ?
                  and not exists (select 1 from audit_seal s where s.entry_id = e.id)
                order by e.id""").param(LOOKBACK).query(Rows.of(Entry.class)).list();
    }

    public void seal(long seq, long entryId, int macKey, String prevMac, String mac) {
        jdbc.sql("insert into audit_seal (seq, entry_id, mac_key, prev_mac, mac) values (?, ?, ?, ?, ?)")
                .params(seq, entryId, macKey, prevMac, mac).update();
    }

    public void moveHead(long seq, String mac) {
        jdbc.sql("update audit_chain_head set last_seq = ?, last_mac = ? where id = 1").params(seq, mac).update();
    }

    /** Streams every seal in sequence order with its entry, in constant memory. */
    public void streamSealed(Consumer<SealedEntry> sink) {
        template.query(con -> {
            var ps = con.prepareStatement("""
                    select s.seq, s.entry_id, s.mac_key, s.prev_mac, s.mac, e.id, e.occurred_at, e.actor, e.action,
                           e.subject_type, e.subject_id, e.before_state, e.after_state
                    from audit_seal s left join audit_entry e on e.id = s.entry_id order by s.seq""",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(500);
            return ps;
        }, (ResultSet rs) -> {
            Object id = rs.getObject(6);
            sink.accept(new SealedEntry(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                    id == null ? null : ((Number) id).longValue(), rs.getObject(7, OffsetDateTime.class), rs.getString(8),
                    rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
        });
    }
}

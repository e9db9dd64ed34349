package org.serialregistry.epcis.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The EPCIS event repository's tables: captures, events with their EPCs and parties, containment. */
@Repository
public class EpcisStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    EpcisStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public record CaptureRow(String id, OffsetDateTime capturedAt, String capturedBy, @Nullable String party,
                             String status, int eventCount, int appliedCount, int duplicateCount,
                             @Nullable String errors) {
    }

    public record EventRow(long id, String eventHash, String eventType, @Nullable String action,
                           OffsetDateTime recordTime, @Nullable OffsetDateTime declaredErrorAt,
                           @Nullable String errorDeclaration, String body) {
    }

    public record NewEvent(@Nullable String captureId, @Nullable Long lifecycleEventId, String eventHash, @Nullable String eventId, String eventType,
                           @Nullable String action, OffsetDateTime eventTime, OffsetDateTime recordTime,
                           @Nullable String bizStep, @Nullable String disposition, @Nullable String bizLocation,
                           @Nullable String readPoint, @Nullable String declaresHash, String body) {
    }

    /** A filter of the standard query, already normalised (canonical EPCs, short CBV names). */
    public record Filter(List<String> bizSteps, List<String> dispositions, List<String> bizLocations,
                         List<String> matchEpc, List<String> matchAnyEpc, @Nullable OffsetDateTime from,
                         @Nullable OffsetDateTime before, @Nullable String party, boolean everyParty, long afterId,
                         int limit) {
    }

    public void insertCapture(CaptureRow c) {
        jdbc.sql("insert into epcis_capture (id, captured_at, captured_by, party, status, event_count, applied_count, "
                        + "duplicate_count, errors) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.capturedAt(), c.capturedBy(), c.party(), c.status(), c.eventCount(), c.appliedCount(),
                        c.duplicateCount(), c.errors())
                .update();
    }

    public void finishCapture(String id, String status, int applied, int duplicates, @Nullable String errors) {
        jdbc.sql("update epcis_capture set status = ?, applied_count = ?, duplicate_count = ?, errors = ? where id = ?")
                .params(status, applied, duplicates, errors, id).update();
    }

    public Optional<CaptureRow> capture(String id) {
        return jdbc.sql("select id, captured_at, captured_by, party, status, event_count, applied_count, duplicate_count, "
                + "errors from epcis_capture where id = ?").param(id).query(Rows.of(CaptureRow.class)).optional();
    }

    public long insertEvent(NewEvent e) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into epcis_event (capture_id, lifecycle_event_id, event_hash, event_id, event_type, action, "
                        + "event_time, record_time, biz_step, disposition, biz_location, read_point, declares_hash, body) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.captureId(), e.lifecycleEventId(), e.eventHash(), e.eventId(), e.eventType(), e.action(),
                        e.eventTime(), e.recordTime(), e.bizStep(), e.disposition(), e.bizLocation(), e.readPoint(),
                        e.declaresHash(), e.body())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public void linkLifecycleEvent(long eventId, long lifecycleEventId) {
        jdbc.sql("update epcis_event set lifecycle_event_id = ? where id = ?").params(lifecycleEventId, eventId).update();
    }

    /** Whether this lifecycle event is already here (it came from a capture, or was mirrored before). */
    public boolean hasLifecycleEvent(long lifecycleEventId) {
        return jdbc.sql("select count(*) from epcis_event where lifecycle_event_id = ?").param(lifecycleEventId)
                .query(Long.class).single() > 0;
    }

    /** One batch per list: a shipment of 100,000 units is one round trip per thousand rows, not per row. */
    public void insertEpcs(long eventId, String role, Collection<String> epcs) {
        batch.batchUpdate("insert into epcis_event_epc (event_id, epc, role) values (?, ?, ?)", List.copyOf(epcs), 1000,
                (ps, epc) -> {
                    ps.setLong(1, eventId);
                    ps.setString(2, epc);
                    ps.setString(3, role);
                });
    }

    public void insertParties(long eventId, Collection<String> parties) {
        batch.batchUpdate("insert into epcis_event_party (event_id, party) values (?, ?)", List.copyOf(parties), 100,
                (ps, party) -> {
                    ps.setLong(1, eventId);
                    ps.setString(2, party);
                });
    }

    /** The captured (not declaring) event with this hash. */
    public Optional<EventRow> eventByHash(String hash) {
        return jdbc.sql("select id, event_hash, event_type, action, record_time, declared_error_at, error_declaration, body "
                        + "from epcis_event where event_hash = ? and declares_hash is null order by id")
                .param(hash).query(Rows.of(EventRow.class)).stream().findFirst();
    }

    public void declareError(long eventId, OffsetDateTime at, String errorDeclaration) {
        jdbc.sql("update epcis_event set declared_error_at = ?, error_declaration = ? where id = ?")
                .params(at, errorDeclaration, eventId).update();
    }

    public List<EventRow> find(Filter f) {
        var sql = new StringBuilder("select e.id, e.event_hash, e.event_type, e.action, e.record_time, e.declared_error_at, "
                + "e.error_declaration, e.body from epcis_event e where e.declares_hash is null and e.id > ?");
        var params = new ArrayList<Object>();
        params.add(f.afterId());
        in(sql, params, "e.biz_step", f.bizSteps());
        in(sql, params, "e.disposition", f.dispositions());
        in(sql, params, "e.biz_location", f.bizLocations());
        epcs(sql, params, "('epc', 'child')", f.matchEpc());
        epcs(sql, params, "('epc', 'child', 'parent', 'input', 'output')", f.matchAnyEpc());
        if (f.from() != null) {
            sql.append(" and e.event_time >= ?");
            params.add(f.from());
        }
        if (f.before() != null) {
            sql.append(" and e.event_time < ?");
            params.add(f.before());
        }
        if (!f.everyParty()) {
            sql.append(" and exists (select 1 from epcis_event_party p where p.event_id = e.id and p.party = ?)");
            params.add(f.party() == null ? "" : f.party());
        }
        sql.append(" order by e.id fetch first ").append(f.limit()).append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query(Rows.of(EventRow.class)).list();
    }

    private static void in(StringBuilder sql, List<Object> params, String column, List<String> values) {
        if (!values.isEmpty()) {
            sql.append(" and ").append(column).append(" in (").append(String.join(", ", values.stream().map(v -> "?").toList()))
                    .append(")");
            params.addAll(values);
        }
    }

    private static void epcs(StringBuilder sql, List<Object> params, String roles, List<String> values) {
        if (!values.isEmpty()) {
            sql.append(" and exists (select 1 from epcis_event_epc x where x.event_id = e.id and x.role in ").append(roles)
                    .append(" and x.epc in (").append(String.join(", ", values.stream().map(v -> "?").toList())).append("))");
            params.addAll(values);
        }
    }

    // ------------------------------------------------------------------ containment

    public Optional<String> parentOf(String child) {
        return jdbc.sql("select parent from epcis_containment where child = ?").param(child).query(String.class).optional();
    }

    public List<String> childrenOf(String parent) {
        return jdbc.sql("select child from epcis_containment where parent = ? order by child").param(parent)
                .query(String.class).list();
    }

    public void pack(String parent, String child, long eventId, OffsetDateTime at) {
        jdbc.sql("insert into epcis_containment (child, parent, event_id, packed_at) values (?, ?, ?, ?)")
                .params(child, parent, eventId, at).update();
    }

    public int unpack(String parent, String child) {
        return jdbc.sql("delete from epcis_containment where parent = ? and child = ?").params(parent, child).update();
    }

    /** Undoes the packing an event did (when it is declared in error). */
    public int unpackEvent(long eventId) {
        return jdbc.sql("delete from epcis_containment where event_id = ?").param(eventId).update();
    }
}
